using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'httpListener'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema HttpListener() => new(
        "httpListener",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("host", T.String, "0.0.0.0", Create),
            new("address", T.String, null, Create),
            new("port", T.String, null, Create),
            new("backlog", T.Integer, 0L, Create),
            new("siteId", T.String, null, Create),
            new("sslProfile", T.String, null, Create),
            new("authenticatePeer", T.Boolean, false, Create),
            new("protocolVersion", T.Enum("HTTP1", "HTTP2"), "HTTP1", Create),
            new("aggregation", T.Enum("multipart", "json"), null, Create),
            new("eventChannel", T.Boolean, null, Create),
            new("operStatus", T.Enum("up", "down")),
        ]);
}
