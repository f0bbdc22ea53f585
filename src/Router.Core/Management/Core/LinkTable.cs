using System.Globalization;
using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>
/// <c>io.skupper.router.router.link</c> as the C agent answers it (agent_link.c): 30 columns
/// (management-and-deployment.md §2.7.3), one row per link in identity order.
/// </summary>
internal sealed class LinkTable : CoreTable
{
    public const string TypeName = "io.skupper.router.router.link";

    /// <summary>QDR_DEFAULT_PRIORITY: the priority of endpoint links.</summary>
    private const uint DefaultPriority = 4;

    private static readonly string[] s_columns =
    [
        "name", "identity", "type", "linkName", "linkType", "linkDir", "owningAddr", "capacity", "peer",
        "undeliveredCount", "unsettledCount", "deliveryCount", "connectionId", "adminStatus", "operStatus",
        "presettledCount", "droppedPresettledCount", "acceptedCount", "rejectedCount", "releasedCount",
        "modifiedCount", "deliveriesDelayed1Sec", "deliveriesDelayed10Sec", "deliveriesStuck", "openMovedStreams",
        "ingressHistogram", "priority", "settleRate", "creditAvailable", "zeroCreditSeconds",
    ];

    public LinkTable(ManagementContext context)
        : base(context, TypeName, s_columns)
    {
    }

    /// <summary>Number of links management lists (<c>router</c> <c>linkCount</c>).</summary>
    public int Count => Context.Core.Links.Values.Count(l => !InternalEndpoints.IsInternal(l));

    public override IReadOnlyList<object> Rows() =>
        Context.Core.Links.Values.Where(l => !InternalEndpoints.IsInternal(l)).OrderBy(l => l.Identity).ToArray<object>();

    public override object? FindByIdentity(string identity) =>
        long.TryParse(identity, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
        && identity == id.ToString(CultureInfo.InvariantCulture)
        && Context.Core.Links.TryGetValue(id, out var link) && !InternalEndpoints.IsInternal(link)
            ? link
            : null;

    public override object? Value(object row, int column)
    {
        var l = (RouterLink)row;
        return column switch
        {
            0 or 3 => l.Name,
            1 => l.Identity.ToString(CultureInfo.InvariantCulture),
            2 => TypeName,
            4 => l.LinkType switch
            {
                LinkType.RouterControl => "router-control",
                LinkType.InterRouter => "inter-router",
                LinkType.InterEdge => "inter-edge",
                _ => "endpoint",
            },
            5 => l.Direction == LinkDirection.Incoming ? "in" : "out",
            6 => l.Address?.Key ?? l.TerminusAddress,
            7 => (uint)Math.Max(0, l.Capacity),
            8 => null, // peer: only for link-routed links
            9 => Gauge(Volatile.Read(ref l.UndeliveredCount)),
            10 => Gauge(Volatile.Read(ref l.UnsettledCount)),
            11 => Counter(Interlocked.Read(ref l.DeliveryCount)),
            12 => l.Connection.Identity.ToString(CultureInfo.InvariantCulture),
            13 => "enabled",
            14 => l.IsDetached ? "down" : "up",
            15 => Counter(Interlocked.Read(ref l.PresettledCount)),
            16 => Counter(Interlocked.Read(ref l.DroppedPresettledCount)),
            17 => Counter(Interlocked.Read(ref l.Outcomes.Accepted)),
            18 => Counter(Interlocked.Read(ref l.Outcomes.Rejected)),
            19 => Counter(Interlocked.Read(ref l.Outcomes.Released)),
            20 => Counter(Interlocked.Read(ref l.Outcomes.Modified)),
            21 => Counter(Interlocked.Read(ref l.DeliveriesDelayed1Sec)),
            22 => Counter(Interlocked.Read(ref l.DeliveriesDelayed10Sec)),
            23 => 0UL, // deliveriesStuck
            24 => 0UL, // openMovedStreams
            25 => null, // ingressHistogram: inter-router links only
            26 => DefaultPriority,
            27 => 0U, // settleRate
            28 => (uint)Math.Max(0, Volatile.Read(ref l.CreditAvailable)),
            29 => ZeroCreditSeconds(l),
            _ => null,
        };
    }

    private uint ZeroCreditSeconds(RouterLink l)
    {
        long since = Volatile.Read(ref l.ZeroCreditSince);
        return since == 0 ? 0 : (uint)Math.Clamp(Context.Ticks - (since - 1), 0, uint.MaxValue);
    }

    private static ulong Gauge(int value) => value < 0 ? 0 : (ulong)value;

    private static ulong Counter(long value) => value < 0 ? 0 : (ulong)value;
}
