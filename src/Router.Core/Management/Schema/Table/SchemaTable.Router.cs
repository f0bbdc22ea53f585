using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'router'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Router() => new(
        "router",
        extends: "configurationEntity",
        operations: [],
        attributes:
        [
            new("id", T.String, null, Create),
            new("vanId", T.String, null, Create),
            new("mode", T.Enum("standalone", "interior", "edge"), "standalone", Create),
            new("area", T.String, "0"),
            new("version", T.String),
            new("hostName", T.String),
            new("helloIntervalSeconds", T.Integer, 1L, Create),
            new("helloMaxAgeSeconds", T.Integer, 3L, Create),
            new("raIntervalSeconds", T.Integer, 30L, Create),
            new("raIntervalFluxSeconds", T.Integer, 4L, Create),
            new("remoteLsMaxAgeSeconds", T.Integer, 60L, Create),
            new("workerThreads", T.Integer, 4L, Create),
            new("debugDumpFile", T.Path, null, Create),
            new("saslConfigDir", T.Path, null, Create),
            new("saslConfigName", T.String, "skrouterd", Create),
            new("timestampsInUTC", T.Boolean, null, Create),
            new("timestampFormat", T.String, null, Create),
            new("defaultDistribution", T.Enum("multicast", "closest", "balanced", "unavailable"), "balanced", Create),
            new("metadata", T.String, null, Create),
            new("addrCount", T.Integer, null, Graph),
            new("linkCount", T.Integer, null, Graph),
            new("blockedLinkCount", T.Integer, null, Graph),
            new("nodeCount", T.Integer, null, Graph),
            new("autoLinkCount", T.Integer, null, Graph),
            new("connectionCount", T.Integer, null, Graph),
            new("tcpConnectionCount", T.Integer, null, Graph),
            new("presettledDeliveries", T.Integer, null, Graph),
            new("droppedPresettledDeliveries", T.Integer, null, Graph),
            new("acceptedDeliveries", T.Integer, null, Graph),
            new("rejectedDeliveries", T.Integer, null, Graph),
            new("releasedDeliveries", T.Integer, null, Graph),
            new("modifiedDeliveries", T.Integer, null, Graph),
            new("deliveriesDelayed1Sec", T.Integer, null, Graph),
            new("deliveriesDelayed10Sec", T.Integer, null, Graph),
            new("deliveriesStuck", T.Integer, null, Graph),
            new("deliveriesIngress", T.Integer, null, Graph),
            new("deliveriesEgress", T.Integer, null, Graph),
            new("deliveriesTransit", T.Integer, null, Graph),
            new("deliveriesIngressRouteContainer", T.Integer, null, Graph),
            new("deliveriesEgressRouteContainer", T.Integer, null, Graph),
            new("uptimeSeconds", T.Integer, null, Graph),
            new("memoryUsage", T.Integer, null, Graph),
            new("residentMemoryUsage", T.Integer, null, Graph),
            new("connectionCounters", T.Map),
            new("dataConnectionCount", T.String, "auto", Create),
            new("dropTcpConnections", T.Boolean, false, Create),
        ],
        singleton: true);
}
