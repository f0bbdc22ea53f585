namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'configurationEntity'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema ConfigurationEntity() => new(
        "configurationEntity",
        extends: "entity",
        operations: ["READ"],
        attributes: []);
}
