using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'router.node'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema RouterNode() => new(
        "router.node",
        extends: "operationalEntity",
        operations: [],
        attributes:
        [
            new("id", T.String),
            new("protocolVersion", T.Integer),
            new("instance", T.Integer),
            new("linkState", T.List),
            new("nextHop", T.String),
            new("validOrigins", T.List),
            new("address", T.String),
            new("routerLink", T.EntityId),
            new("cost", T.Integer),
            new("lastTopoChange", T.Integer),
            new("index", T.Integer),
        ]);
}
