using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'tcpConnection'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema TcpConnection() => new(
        "tcpConnection",
        extends: "operationalEntity",
        operations: [],
        attributes:
        [
            new("address", T.String),
            new("host", T.String),
            new("direction", T.Enum("in", "out")),
            new("bytesIn", T.Integer, null, Graph),
            new("bytesOut", T.Integer, null, Graph),
            new("uptimeSeconds", T.Integer, null, Graph),
            new("lastInSeconds", T.Integer, null, Graph),
            new("lastOutSeconds", T.Integer, null, Graph),
        ]);
}
