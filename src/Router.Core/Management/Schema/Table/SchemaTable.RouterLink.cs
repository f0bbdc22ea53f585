using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'router.link'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema RouterLink() => new(
        "router.link",
        extends: "operationalEntity",
        operations: ["UPDATE"],
        attributes:
        [
            new("adminStatus", T.Enum("enabled", "disabled"), "enabled", Update),
            new("operStatus", T.Enum("up", "down", "quiescing", "idle")),
            new("linkName", T.String),
            new("linkType", T.Enum("endpoint", "router-control", "inter-router", "inter-edge")),
            new("linkDir", T.Enum("in", "out")),
            new("owningAddr", T.String),
            new("capacity", T.Integer),
            new("peer", T.String),
            new("undeliveredCount", T.Integer, null, Graph),
            new("unsettledCount", T.Integer, null, Graph),
            new("deliveryCount", T.Integer, null, Graph),
            new("presettledCount", T.Integer, null, Graph),
            new("droppedPresettledCount", T.Integer, null, Graph),
            new("acceptedCount", T.Integer, null, Graph),
            new("rejectedCount", T.Integer, null, Graph),
            new("releasedCount", T.Integer, null, Graph),
            new("modifiedCount", T.Integer, null, Graph),
            new("deliveriesDelayed1Sec", T.Integer, null, Graph),
            new("deliveriesDelayed10Sec", T.Integer, null, Graph),
            new("deliveriesStuck", T.Integer, null, Graph),
            new("openMovedStreams", T.Integer, null, Graph),
            new("creditAvailable", T.Integer, null, Graph),
            new("zeroCreditSeconds", T.Integer),
            new("settleRate", T.Integer, null, Graph),
            new("ingressHistogram", T.List),
            new("priority", T.Integer),
        ]);
}
