using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'router.address'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema RouterAddress() => new(
        "router.address",
        extends: "operationalEntity",
        operations: [],
        attributes:
        [
            new("distribution", T.Enum("flood", "multicast", "closest", "balanced", "linkBalanced", "unavailable")),
            new("inProcess", T.Integer),
            new("subscriberCount", T.Integer, null, Graph),
            new("remoteCount", T.Integer, null, Graph),
            new("containerCount", T.Integer, null, Graph),
            new("deliveriesIngress", T.Integer, null, Graph),
            new("deliveriesEgress", T.Integer, null, Graph),
            new("deliveriesTransit", T.Integer, null, Graph),
            new("deliveriesToContainer", T.Integer, null, Graph),
            new("deliveriesFromContainer", T.Integer, null, Graph),
            new("deliveriesIngressRouteContainer", T.Integer, null, Graph),
            new("deliveriesEgressRouteContainer", T.Integer, null, Graph),
            new("key", T.String),
            new("remoteHostRouters", T.List),
            new("transitOutstanding", T.List),
            new("trackedDeliveries", T.Integer),
            new("priority", T.Integer),
            new("watch", T.Boolean),
        ]);
}
