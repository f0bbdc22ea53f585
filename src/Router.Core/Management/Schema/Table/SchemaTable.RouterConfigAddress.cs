using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'router.config.address'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema RouterConfigAddress() => new(
        "router.config.address",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("prefix", T.String, null, Create),
            new("pattern", T.String, null, Create),
            new("distribution", T.Enum("multicast", "closest", "balanced", "unavailable"), "balanced", Create),
            new("priority", T.Integer, null, Create),
        ]);
}
