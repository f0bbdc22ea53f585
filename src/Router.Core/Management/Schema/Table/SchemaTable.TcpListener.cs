using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'tcpListener'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema TcpListener() => new(
        "tcpListener",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("address", T.String, null, Create),
            new("host", T.String, "0.0.0.0", Create),
            new("backlog", T.Integer, 0L, Create),
            new("port", T.String, null, Create),
            new("siteId", T.String, null, Create),
            new("connectionsOpened", T.Integer, null, Graph),
            new("connectionsClosed", T.Integer, null, Graph),
            new("bytesIn", T.Integer, null, Graph),
            new("bytesOut", T.Integer, null, Graph),
            new("sslProfile", T.String, null, Create),
            new("authenticatePeer", T.Boolean, false, Create),
            new("encapsulation", T.Enum("legacy", "lite"), "legacy", Create),
            new("operStatus", T.Enum("up", "down")),
        ]);
}
