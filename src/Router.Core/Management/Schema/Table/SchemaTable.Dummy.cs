using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'dummy'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Dummy() => new(
        "dummy",
        extends: "entity",
        operations: ["CREATE", "READ", "UPDATE", "DELETE", "CALLME"],
        attributes:
        [
            new("arg1", T.String, null, Create | Update),
            new("arg2", T.String, null, Create | Update),
            new("num1", T.Integer, null, Create | Update),
            new("num2", T.Integer, null, Create | Update),
        ]);
}
