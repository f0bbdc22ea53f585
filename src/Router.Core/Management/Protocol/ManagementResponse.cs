namespace Skrouterd.Management;

/// <summary>
/// A management reply: status, description, body, and how the C router would encode it (which agent answers
/// decides the body's value encoding and the order of the two status properties).
/// </summary>
internal sealed record ManagementResponse(int Status, string Description, object? Body, ValueStyle Style)
{
    /// <summary>
    /// The C core agent writes <c>statusDescription</c> before <c>statusCode</c>; the Python agent the reverse
    /// (04-management capture, #83 against #15).
    /// </summary>
    public bool DescriptionFirst => Style == ValueStyle.Core;

    public static ManagementResponse Ok(object? body, ValueStyle style) =>
        new(ManagementStatus.Ok, ManagementStatus.Text(ManagementStatus.Ok), body, style);

    public static ManagementResponse Of(int status, object? body, ValueStyle style) =>
        new(status, ManagementStatus.Text(status), body, style);

    public static ManagementResponse Error(int status, string description, ValueStyle style) =>
        new(status, description, new Amqp.Codec.AmqpMap(), style);
}
