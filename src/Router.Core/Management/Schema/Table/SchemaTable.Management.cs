namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'management'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Management() => new(
        "management",
        extends: "org.amqp.management",
        operations: ["GET-SCHEMA", "GET-JSON-SCHEMA", "GET-LOG", "PROFILE"],
        attributes: [],
        singleton: true);
}
