namespace Skrouterd.Cli.LiveTests.Infrastructure;

/// <summary>skstat's table headings (R:tools/skstat.in), checked against the C tools' golden outputs.</summary>
internal static class Headings
{
    public static readonly string[] General = ["attr", "value"];

    public static readonly string[] Connections = ["id", "host", "container", "role", "proto", "dir", "security", "authentication", "meshId", "last dlv", "uptime"];

    public static readonly string[] Links =
        ["type", "dir", "conn id", "id", "class", "addr", "cap", "pri", "undel", "unsett", "deliv", "presett", "psdrop", "acc", "rej", "rel", "mod", "delay", "rate", "stuck", "cred", "blkd"];

    public static readonly string[] LinksVerbose = [.. Links, "admin", "oper", "name"];

    public static readonly string[] Addresses = ["class", "addr", "distrib", "pri", "local", "remote", "in", "out", "thru"];

    public static readonly string[] AddressesVerbose = ["class", "addr", "distrib", "pri", "in-proc", "local", "remote", "in", "out", "thru", "to-proc", "from-proc", "watch"];

    public static readonly string[] Nodes = ["router-id", "next-hop", "link"];

    public static readonly string[] Edges = ["id", "host", "container", "dir", "security", "authentication", "active"];

    public static readonly string[] AttrValue = ["attr", "value"];
}
