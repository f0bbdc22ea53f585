namespace Skrouterd.Routing;

/// <summary>
/// Chooses the consumers of an incoming delivery and creates their outgoing deliveries
/// (inter-router-protocol.md §4.2, §4.5, §4.6; the C router's forwarder.c). Runs on the producer's thread under the
/// producer connection's lock; the consumer links are handed their deliveries through the <see cref="ActionList"/>.
/// Reads each address's consumer array once; allocates nothing.
/// </summary>
internal static class Forwarder
{
    /// <summary>
    /// Routes <paramref name="incoming"/> to consumers of <paramref name="address"/> and returns the fan-out.
    /// The message's hold on its content is dropped here: from now on its consumers own the blocks.
    /// </summary>
    public static int Route(RouterCore core, Delivery incoming, Address address, ActionList actions)
    {
        var message = incoming.Message!;
        var consumers = address.Consumers;
        bool presettled = incoming.Presettled || incoming.RemotelySettled;
        int fanout = 0;
        int subscriptions = 0;

        if (consumers.Length > 0)
        {
            if (TreatmentNames.IsMulticast(address.Treatment))
            {
                fanout = RouteMulticast(incoming, consumers, presettled, actions, ref subscriptions);
            }
            else
            {
                var chosen = address.Treatment == Treatment.AnycastClosest
                    ? ChooseClosest(address, consumers)
                    : ChooseBalanced(address, consumers);
                if (chosen is not null)
                {
                    var outgoing = CreateOutgoing(chosen, incoming, presettled, actions);
                    if (!presettled)
                    {
                        incoming.Peer = outgoing; // takes the creation reference
                    }
                    else
                    {
                        outgoing.Release();
                    }

                    fanout = 1;
                    subscriptions = IsSubscription(chosen) ? 1 : 0;
                }
            }
        }

        message.DropHold();
        incoming.Routed = true;
        if (fanout > subscriptions)
        {
            Interlocked.Add(ref address.DeliveriesEgress, fanout - subscriptions);
            Interlocked.Add(ref core.Counters.DeliveriesEgress, fanout - subscriptions);
        }

        if (subscriptions > 0)
        {
            Interlocked.Add(ref address.DeliveriesToContainer, subscriptions);
        }

        return fanout;
    }

    /// <summary>
    /// The router's own in-process subscriptions (the management agent: an unregistered in-process connection) are
    /// counted as deliveriesToContainer, not egress, as the C router counts its core subscriptions.
    /// </summary>
    private static bool IsSubscription(RouterLink link) => link.Connection is InProcess.InProcessConnection { IsRegistered: false };

    private static int RouteMulticast(Delivery incoming, RouterLink[] consumers, bool presettled, ActionList actions, ref int subscriptions)
    {
        if (!presettled)
        {
            incoming.IsMulticast = true;
            incoming.Peers = System.Buffers.ArrayPool<Delivery>.Shared.Rent(consumers.Length);
        }

        int fanout = 0;
        foreach (var link in consumers)
        {
            if (link.IsDetached)
            {
                continue;
            }

            var outgoing = CreateOutgoing(link, incoming, presettled, actions);
            if (!presettled)
            {
                incoming.Peers![fanout] = outgoing; // takes the creation reference
                incoming.PeerCount = fanout + 1;
            }
            else
            {
                outgoing.Release();
            }

            fanout++;
            if (IsSubscription(link))
            {
                subscriptions++;
            }
        }

        return fanout;
    }

    private static Delivery CreateOutgoing(RouterLink link, Delivery incoming, bool presettled, ActionList actions)
    {
        var outgoing = Delivery.RentOutgoing(link, incoming.Message!, incoming, presettled);
        link.Connection.LastDeliveryTick = link.Connection.Core.Ticks + 1; // forwarder.c: the consumer's connection too
        outgoing.IngressTicks = incoming.IngressTicks;
        incoming.Message!.AddConsumer(outgoing);
        Interlocked.Increment(ref link.UndeliveredCount);
        actions.Deliver(link, outgoing);
        return outgoing;
    }

    /// <summary>Closest: round-robin among the local consumers.</summary>
    private static RouterLink? ChooseClosest(Address address, RouterLink[] consumers)
    {
        int n = consumers.Length;
        int start = n == 1 ? 0 : address.NextRoundRobin() % n;
        for (int i = 0; i < n; i++)
        {
            var link = consumers[(start + i) % n];
            if (!link.IsDetached)
            {
                return link;
            }
        }

        return null;
    }

    /// <summary>
    /// Balanced: the consumer with the fewest undelivered plus unsettled deliveries; a link is eligible while that
    /// number is below its capacity; the first eligible link wins ties; an idle link ends the scan, and the scan
    /// order rotates so idle consumers share the load (forwarder.c qdr_forward_balanced_CT, local part).
    /// </summary>
    private static RouterLink? ChooseBalanced(Address address, RouterLink[] consumers)
    {
        int n = consumers.Length;
        if (n == 1)
        {
            return consumers[0].IsDetached ? null : consumers[0];
        }

        int start = address.NextRoundRobin() % n;
        RouterLink? bestEligible = null;
        int bestEligibleValue = int.MaxValue;
        RouterLink? bestIneligible = null;
        int bestIneligibleValue = int.MaxValue;
        for (int i = 0; i < n; i++)
        {
            var link = consumers[(start + i) % n];
            if (link.IsDetached)
            {
                continue;
            }

            int value = Volatile.Read(ref link.UndeliveredCount) + Volatile.Read(ref link.UnsettledCount);
            if (link.Capacity > value)
            {
                if (value < bestEligibleValue)
                {
                    bestEligible = link;
                    bestEligibleValue = value;
                    if (value == 0)
                    {
                        break;
                    }
                }
            }
            else if (value <= bestIneligibleValue)
            {
                bestIneligible = link;
                bestIneligibleValue = value;
            }
        }

        return bestEligible ?? bestIneligible;
    }
}
