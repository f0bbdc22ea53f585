using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'log'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Log() => new(
        "log",
        extends: "configurationEntity",
        operations: ["UPDATE"],
        attributes:
        [
            new("module", T.Enum("ROUTER", "ROUTER_CORE", "ROUTER_HELLO", "ROUTER_LS", "ROUTER_MA", "MESSAGE", "SERVER", "AGENT", "CONTAINER", "ERROR", "POLICY", "HTTP", "CONN_MGR", "PYTHON", "PROTOCOL", "TCP_ADAPTOR", "HTTP_ADAPTOR", "FLOW_LOG", "ADDRESS_WATCH", "DEFAULT"), null, Required),
            new("enable", T.String, null, Update),
            new("includeTimestamp", T.Boolean, null, Update),
            new("includeSource", T.Boolean, null, Update),
            new("outputFile", T.String, null, Update),
        ]);
}
