using Skrouterd.Amqp.Codec;
using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>
/// <c>io.skupper.router.router</c> as the C agent answers it (agent_router.c): one row, 35 columns
/// (management-and-deployment.md §2.7.1). READ, CREATE and DELETE are forbidden.
/// </summary>
internal sealed class RouterTable : CoreTable
{
    public const string TypeName = "io.skupper.router.router";

    private static readonly string[] s_columns =
    [
        "name", "identity", "id", "type", "mode", "area", "vanId", "version", "metadata", "addrCount", "linkCount",
        "nodeCount", "autoLinkCount", "connectionCount", "presettledDeliveries", "droppedPresettledDeliveries",
        "acceptedDeliveries", "rejectedDeliveries", "releasedDeliveries", "modifiedDeliveries",
        "deliveriesDelayed1Sec", "deliveriesDelayed10Sec", "deliveriesStuck", "deliveriesIngress",
        "deliveriesEgress", "deliveriesTransit", "deliveriesIngressRouteContainer", "deliveriesEgressRouteContainer",
        "deliveriesRedirectedToFallback", "linksBlocked", "uptimeSeconds", "memoryUsage", "workerThreads",
        "residentMemoryUsage", "connectionCounters",
    ];

    private readonly Func<int> _autoLinkCount;
    private readonly Func<int> _linkCount;

    public RouterTable(ManagementContext context, Func<int> autoLinkCount, Func<int> linkCount)
        : base(context, TypeName, s_columns)
    {
        _autoLinkCount = autoLinkCount;
        _linkCount = linkCount;
    }

    public override IReadOnlyList<object> Rows() => [Context.Core];

    public override object? Value(object row, int column)
    {
        var core = Context.Core;
        var c = core.Counters;
        return column switch
        {
            0 or 2 => core.Id,
            1 => "1",
            3 => TypeName,
            4 => core.Mode switch
            {
                RouterMode.Interior => "interior",
                RouterMode.Edge => "edge",
                _ => "standalone",
            },
            5 => core.Area,
            6 => core.VanId,
            7 => RouterInfo.Version,
            8 => Context.Metadata,
            9 => (ulong)core.Addresses.Count,
            10 => (ulong)_linkCount(),
            11 => (ulong)Context.RemoteRouterCount,
            12 => (ulong)_autoLinkCount(),
            13 => (ulong)core.Connections.Count,
            14 => Counter(c.PresettledDeliveries),
            15 => Counter(c.DroppedPresettledDeliveries),
            16 => Counter(c.Outcomes.Accepted),
            17 => Counter(c.Outcomes.Rejected),
            18 => Counter(c.Outcomes.Released),
            19 => Counter(c.Outcomes.Modified),
            20 => Counter(c.DeliveriesDelayed1Sec),
            21 => Counter(c.DeliveriesDelayed10Sec),
            22 => 0UL, // deliveriesStuck
            23 => Counter(c.DeliveriesIngress),
            24 => Counter(c.DeliveriesEgress),
            25 => Counter(c.DeliveriesTransit),
            26 => Counter(c.DeliveriesIngressRouteContainer),
            27 => Counter(c.DeliveriesEgressRouteContainer),
            28 => 0UL, // deliveriesRedirectedToFallback
            29 => 0U, // linksBlocked
            30 => (uint)Math.Max(0, core.Ticks),
            31 => ProcessMemory.Read().VirtualBytes,
            32 => Context.WorkerThreads,
            33 => ProcessMemory.Read().ResidentBytes,
            34 => ConnectionCounters(core),
            _ => null,
        };
    }

    /// <summary>User-service connections per protocol (<c>tcp</c>, <c>amqp</c>, <c>http1</c>, <c>http2</c>).</summary>
    private static AmqpMap ConnectionCounters(RouterCore core)
    {
        var counts = ServiceConnectionCounts.Of(core);
        return new AmqpMap { { "tcp", counts.Tcp }, { "amqp", counts.Amqp }, { "http1", counts.Http1 }, { "http2", counts.Http2 } };
    }

    private static ulong Counter(long value) => value < 0 ? 0 : (ulong)value;
}
