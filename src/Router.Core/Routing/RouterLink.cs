using Skrouterd.Amqp.Framing;

namespace Skrouterd.Routing;

/// <summary>
/// The router core's view of one link, whatever carries it (an AMQP link, or an in-process endpoint such as the
/// management agent or a protocol adaptor). The core calls these members from any thread, never while holding a
/// connection lock; implementations take their own connection's lock.
/// </summary>
internal abstract class RouterLink
{
    protected RouterLink(RouterConnection connection, LinkDirection direction, string name)
    {
        Connection = connection;
        Direction = direction;
        Name = name;
        Identity = connection.Core.NextLinkIdentity();
    }

    public RouterConnection Connection { get; }

    public LinkDirection Direction { get; }

    public string Name { get; }

    /// <summary>Router-wide link id shown by management (`router.link` identity).</summary>
    public long Identity { get; }

    /// <summary>The address this link is bound to; null for an anonymous sender (routes each delivery by `to`).</summary>
    public Address? Address { get; set; }

    /// <summary>The terminus address as attached (shown as owningAddr when no address is bound).</summary>
    public string? TerminusAddress { get; set; }

    /// <summary>Maximum deliveries outstanding on the link (`linkCapacity`, default 250).</summary>
    public int Capacity { get; set; } = 250;

    public LinkType LinkType { get; set; } = LinkType.Endpoint;

    public bool IsDetached { get; protected set; }

    // ---- gauges read by the balanced forwarder (written by the owner, read racily) ---------------------------

    /// <summary>Outgoing: deliveries queued but not yet (completely) sent.</summary>
    public int UndeliveredCount;

    /// <summary>Sent deliveries not yet settled.</summary>
    public int UnsettledCount;

    // ---- counters shown by management -------------------------------------------------------------------------

    public long DeliveryCount;
    public long PresettledCount;
    public long DroppedPresettledCount;
    public OutcomeCounts Outcomes;
    public long DeliveriesDelayed1Sec;
    public long DeliveriesDelayed10Sec;

    /// <summary>Credit the peer currently gives us (outgoing) or we give the peer (incoming).</summary>
    public int CreditAvailable;

    /// <summary>Core tick at which credit last dropped to zero (0 = credit is not zero).</summary>
    public long ZeroCreditSince;

    /// <summary>Outgoing: queue a delivery for sending to the peer.</summary>
    public abstract void Deliver(Delivery delivery);

    /// <summary>Outgoing: more content (or its end) is available for <paramref name="delivery"/>.</summary>
    public abstract void Wake(Delivery delivery);

    /// <summary>
    /// The peer delivery changed: set <paramref name="state"/> on <paramref name="delivery"/> (owned by this link) and,
    /// if <paramref name="settled"/>, settle it towards this link's remote peer.
    /// </summary>
    public abstract void OnPeerUpdate(Delivery delivery, DeliveryState state, bool settled);

    /// <summary>Incoming: grant <paramref name="credit"/> more (or drain).</summary>
    public abstract void IssueCredit(int credit, bool drain);

    /// <summary>
    /// Counts a delivery's final outcome (management counters), as the C router does when it is settled. Router-wide
    /// counts follow incoming (producer-side) endpoint links only, as in the C router.
    /// </summary>
    public void CountOutcome(Delivery d, DeliveryStateKind outcome)
    {
        var router = Connection.Core.Counters;
        bool routerWide = Direction == LinkDirection.Incoming && LinkType == LinkType.Endpoint;
        if (d.Presettled)
        {
            Interlocked.Increment(ref PresettledCount);
            if (routerWide)
            {
                Interlocked.Increment(ref router.PresettledDeliveries);
            }

            return;
        }

        Outcomes.Count(outcome);
        if (routerWide)
        {
            router.Outcomes.Count(outcome);
        }
    }
}
