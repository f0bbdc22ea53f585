namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'operationalEntity'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema OperationalEntity() => new(
        "operationalEntity",
        extends: "entity",
        operations: ["READ"],
        attributes: []);
}
