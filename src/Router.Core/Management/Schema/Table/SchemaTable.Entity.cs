using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'entity'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Entity() => new(
        "entity",
        extends: null,
        operations: [],
        attributes:
        [
            new("name", T.String, null, Unique | Create),
            new("identity", T.String, null, Unique),
            new("type", T.String, null, Required | Create),
        ]);
}
