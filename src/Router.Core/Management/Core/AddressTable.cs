using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>
/// <c>io.skupper.router.router.address</c> as the C agent answers it (agent_address.c): 21 columns
/// (management-and-deployment.md §2.7.4); name, identity and key are the address's hash key.
/// </summary>
internal sealed class AddressTable : CoreTable
{
    public const string TypeName = "io.skupper.router.router.address";

    private static readonly string[] s_columns =
    [
        "name", "identity", "type", "key", "distribution", "inProcess", "subscriberCount", "remoteCount",
        "remoteHostRouters", "deliveriesIngress", "deliveriesEgress", "deliveriesTransit", "deliveriesToContainer",
        "deliveriesFromContainer", "deliveriesEgressRouteContainer", "deliveriesIngressRouteContainer",
        "transitOutstanding", "trackedDeliveries", "priority", "deliveriesRedirectedToFallback", "watch",
    ];

    public AddressTable(ManagementContext context)
        : base(context, TypeName, s_columns)
    {
    }

    public override IReadOnlyList<object> Rows() =>
        Context.Core.Addresses.OrderBy(a => a.Created).ToArray<object>();

    public override object? FindByIdentity(string identity) => Context.Core.FindByKey(identity);

    public override object? FindByName(string name) => Context.Core.FindByKey(name);

    public override object? Value(object row, int column)
    {
        var a = (Address)row;
        return column switch
        {
            0 or 1 or 3 => a.Key,
            2 => TypeName,
            4 => TreatmentNames.ToName(a.Treatment),
            5 => (uint)a.Consumers.Count(InternalEndpoints.IsInternal),
            6 => (uint)a.Consumers.Count(l => !InternalEndpoints.IsInternal(l)),
            7 => 0U, // remoteCount
            8 => new List<object?>(), // remoteHostRouters
            9 => Counter(Interlocked.Read(ref a.DeliveriesIngress)),
            10 => Counter(Interlocked.Read(ref a.DeliveriesEgress)),
            11 => Counter(Interlocked.Read(ref a.DeliveriesTransit)),
            12 => Counter(Interlocked.Read(ref a.DeliveriesToContainer)),
            13 => Counter(Interlocked.Read(ref a.DeliveriesFromContainer)),
            14 or 15 => 0UL, // route-container counters
            16 => null, // transitOutstanding
            17 => 0L, // trackedDeliveries
            18 => a.Priority,
            19 => 0UL, // deliveriesRedirectedToFallback
            20 => false, // watch
            _ => null,
        };
    }

    private static ulong Counter(long value) => value < 0 ? 0 : (ulong)value;
}
