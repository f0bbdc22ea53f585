namespace Skrouterd.Management;

/// <summary>
/// A management request failed with a status code and description: the error reply's statusCode and
/// statusDescription (the Python agent's <c>ManagementError</c>).
/// </summary>
internal sealed class ManagementException : Exception
{
    public ManagementException(int status, string description)
        : base(description)
    {
        Status = status;
    }

    public int Status { get; }

    public string Description => Message;

    public static ManagementException BadRequest(string description) => new(ManagementStatus.BadRequest, description);

    public static ManagementException NotFound(string description) => new(ManagementStatus.NotFound, description);

    public static ManagementException Forbidden(string description) => new(ManagementStatus.Forbidden, description);

    public static ManagementException NotImplemented(string description) => new(ManagementStatus.NotImplemented, description);

    public static ManagementException Internal(string description) => new(ManagementStatus.InternalServerError, description);
}
