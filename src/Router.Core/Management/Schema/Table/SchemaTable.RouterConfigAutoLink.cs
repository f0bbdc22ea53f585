using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'router.config.autoLink'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema RouterConfigAutoLink() => new(
        "router.config.autoLink",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("address", T.String, null, Required | Create),
            new("direction", T.Enum("in", "out"), null, Required | Create),
            new("containerId", T.String, null, Create),
            new("connection", T.String, null, Create),
            new("externalAddress", T.String, null, Create),
            new("linkRef", T.String),
            new("operStatus", T.Enum("inactive", "attaching", "failed", "active", "quiescing", "idle")),
            new("lastError", T.String),
        ]);
}
