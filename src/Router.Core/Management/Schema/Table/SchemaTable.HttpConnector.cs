using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'httpConnector'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema HttpConnector() => new(
        "httpConnector",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("address", T.String, null, Create),
            new("host", T.String, "127.0.0.1", Create),
            new("siteId", T.String, null, Create),
            new("port", T.String, null, Create),
            new("sslProfile", T.String, null, Create),
            new("protocolVersion", T.Enum("HTTP1", "HTTP2"), "HTTP1", Create),
            new("aggregation", T.Enum("multipart", "json"), null, Create),
            new("eventChannel", T.Boolean, null, Create),
            new("verifyHostname", T.Boolean, true, Create, deprecationName: "verifyHostName"),
            new("hostOverride", T.String, null, Create),
        ]);
}
