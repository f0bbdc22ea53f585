namespace Skrouterd.Routing;

/// <summary>Router-wide delivery counters (`router` entity), updated with interlocked adds on the data path.</summary>
internal sealed class RouterCounters
{
    public long PresettledDeliveries;
    public long DroppedPresettledDeliveries;
    public OutcomeCounts Outcomes;
    public long DeliveriesIngress;
    public long DeliveriesEgress;
    public long DeliveriesTransit;
    public long DeliveriesDelayed1Sec;
    public long DeliveriesDelayed10Sec;
    public long DeliveriesIngressRouteContainer;
    public long DeliveriesEgressRouteContainer;
}
