using Skrouterd.Amqp.Framing;

namespace Skrouterd.Routing;

/// <summary>Router-wide delivery counters (`router` entity), updated with interlocked adds on the data path.</summary>
internal sealed class RouterCounters
{
    public long PresettledDeliveries;
    public long DroppedPresettledDeliveries;
    public long AcceptedDeliveries;
    public long RejectedDeliveries;
    public long ReleasedDeliveries;
    public long ModifiedDeliveries;
    public long DeliveriesIngress;
    public long DeliveriesEgress;
    public long DeliveriesTransit;
    public long DeliveriesDelayed1Sec;
    public long DeliveriesDelayed10Sec;
    public long DeliveriesIngressRouteContainer;
    public long DeliveriesEgressRouteContainer;

    /// <summary>Router-wide outcome counts follow incoming (producer-side) endpoint links, as in the C router.</summary>
    public void CountOutcome(RouterLink link, Delivery d, DeliveryStateKind outcome)
    {
        if (link.Direction != LinkDirection.Incoming || link.LinkType != LinkType.Endpoint)
        {
            return;
        }

        switch (outcome)
        {
            case DeliveryStateKind.Accepted:
                Interlocked.Increment(ref AcceptedDeliveries);
                break;
            case DeliveryStateKind.Rejected:
                Interlocked.Increment(ref RejectedDeliveries);
                break;
            case DeliveryStateKind.Released:
                Interlocked.Increment(ref ReleasedDeliveries);
                break;
            case DeliveryStateKind.Modified:
                Interlocked.Increment(ref ModifiedDeliveries);
                break;
        }
    }
}
