namespace Skrouterd.Config;

/// <summary>The order in which the router configures entities at start-up (connectors and listeners last).</summary>
internal static class ConfigOrder
{
    private static readonly string[] _leading =
    [
        "log",
        "router",
        "policy",
        "sslProfile",
        "router.config.address",
        "router.config.autoLink",
        "vhost",
        "httpListener",
        "httpConnector",
        "tcpListener",
        "tcpConnector",
    ];

    private static readonly string[] _trailing = ["connector", "listener"];

    /// <summary>Rank of a type in the configure order; types of equal rank keep file order.</summary>
    public static int Rank(string typeName)
    {
        int i = Array.IndexOf(_leading, typeName);
        if (i >= 0)
        {
            return i;
        }

        i = Array.IndexOf(_trailing, typeName);
        return i >= 0 ? _leading.Length + 1 + i : _leading.Length;
    }

    public static List<ConfigEntity> Sort(IEnumerable<ConfigEntity> entities) =>
        [.. entities.Select((e, i) => (e, i)).OrderBy(p => Rank(p.e.TypeName)).ThenBy(p => p.i).Select(p => p.e)];
}
