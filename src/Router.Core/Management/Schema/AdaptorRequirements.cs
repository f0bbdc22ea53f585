namespace Skrouterd.Management.Schema;

/// <summary>
/// Attributes the schema leaves optional but the TCP/HTTP adaptors cannot work without: a tcp/http listener or
/// connector lacking <c>host</c>, <c>port</c> or <c>address</c> is refused when it is created
/// (<c>Invalid tcpConnector configuration: see logs for details.</c>).
/// </summary>
internal static class AdaptorRequirements
{
    private static readonly string[] _needed = ["host", "port", "address"];

    /// <summary>True for tcpListener, tcpConnector, httpListener and httpConnector.</summary>
    public static bool Applies(EntityTypeSchema type) =>
        type.Name is "tcpListener" or "tcpConnector" or "httpListener" or "httpConnector";

    /// <summary>The first of host/port/address missing from validated attributes, or null.</summary>
    public static string? FindMissing(EntityTypeSchema type, AttributeSet attributes)
    {
        if (!Applies(type))
        {
            return null;
        }

        foreach (string name in _needed)
        {
            if (!attributes.Contains(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The C router's refusal text for the type (the statusDescription of a failed CREATE).</summary>
    public static string InvalidConfigurationText(EntityTypeSchema type) =>
        $"Invalid {type.Name} configuration: see logs for details.";
}
