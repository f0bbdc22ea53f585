namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'org.amqp.management'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema OrgAmqpManagement() => new(
        "org.amqp.management",
        extends: "operationalEntity",
        operations: ["QUERY", "GET-TYPES", "GET-ANNOTATIONS", "GET-OPERATIONS", "GET-ATTRIBUTES", "GET-MGMT-NODES"],
        attributes: []);
}
