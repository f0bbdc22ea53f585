using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'tcpConnector'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema TcpConnector() => new(
        "tcpConnector",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("address", T.String, null, Create),
            new("host", T.String, null, Create),
            new("port", T.String, null, Create),
            new("siteId", T.String, null, Create),
            new("connectionsOpened", T.Integer, null, Graph),
            new("connectionsClosed", T.Integer, null, Graph),
            new("bytesIn", T.Integer, null, Graph),
            new("bytesOut", T.Integer, null, Graph),
            new("sslProfile", T.String, null, Create),
            new("verifyHostname", T.Boolean, true, Create),
            new("encapsulation", T.Enum("legacy", "lite"), "legacy", Create),
        ]);
}
