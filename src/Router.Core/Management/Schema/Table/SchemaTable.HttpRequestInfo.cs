using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'httpRequestInfo'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema HttpRequestInfo() => new(
        "httpRequestInfo",
        extends: "operationalEntity",
        operations: [],
        attributes:
        [
            new("address", T.String),
            new("host", T.String),
            new("site", T.String),
            new("direction", T.Enum("in", "out")),
            new("requests", T.Integer, null, Graph),
            new("bytesIn", T.Integer, null, Graph),
            new("bytesOut", T.Integer, null, Graph),
            new("maxLatency", T.Integer, null, Graph),
            new("details", T.Map),
        ]);
}
