using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// Incoming transfers, flow and dispositions (transport.xml 2.6, 2.7.4–2.7.6): receiving message content into the
/// router, routing it, and carrying outcomes and settlement between peer deliveries.
/// </summary>
internal sealed partial class AmqpConnection
{
    // ---- transfer -------------------------------------------------------------------------------------------------

    private void HandleTransferLocked(AmqpSession session, Transfer transfer, in ReadOnlySequence<byte> payload)
    {
        if (session.IncomingWindow == 0)
        {
            throw new AmqpProtocolException(AmqpErrors.WindowViolation, "transfer received while the session's incoming window is 0");
        }

        session.IncomingWindow--;
        session.NextIncomingId++;
        CheckIncomingWindowLocked(session);

        if (!session.LinksByRemoteHandle.TryGetValue(transfer.Handle, out var l))
        {
            throw new AmqpProtocolException(AmqpErrors.UnattachedHandle, $"transfer on handle {transfer.Handle}, which is not attached");
        }

        if (l is not AmqpIncomingLink link)
        {
            throw new AmqpProtocolException(AmqpErrors.InvalidField, $"transfer on handle {transfer.Handle}, a link on which the router is the sender");
        }

        if (link.IsDetached)
        {
            return; // detached by us; the peer has not seen our detach yet
        }

        var d = link.Current;
        if (d is null)
        {
            if (transfer.DeliveryId is not uint deliveryId)
            {
                throw new AmqpProtocolException(AmqpErrors.InvalidField, "first transfer of a delivery without delivery-id");
            }

            d = StartIncomingLocked(session, link, transfer, deliveryId);
        }
        else if (transfer.DeliveryId is uint id && id != d.DeliveryId)
        {
            throw new AmqpProtocolException(AmqpErrors.InvalidField, $"transfer for delivery {id} while delivery {d.DeliveryId} is incomplete");
        }

        var message = d.Message!;
        if (transfer.Aborted)
        {
            link.Current = null;
            d.ReceiveComplete = true;
            message.Abort();
            if (!d.Routed)
            {
                message.DropHold();
            }

            message.WakeConsumers();
            if (RemoveIncomingUnsettled(session, d))
            {
                d.UnlinkPeers();
                d.Release(); // the unsettled map's reference
            }

            ReplenishCreditLocked(link);
            CountPresettledLocked(link, d);
            d.Release(); // the link's receive reference
            return;
        }

        if (!payload.IsEmpty)
        {
            message.Append(payload, transfer.More ? Message.StreamBlockSize : (int)payload.Length);
        }

        if (!transfer.More)
        {
            message.Complete();
            d.ReceiveComplete = true;
            link.Current = null;
        }

        if (transfer.Settled == true && !d.RemotelySettled && !d.Presettled)
        {
            SettledByProducerLocked(session, link, d, transfer.State);
        }

        if (!d.Routed)
        {
            RouteIncomingLocked(link, d);
        }
        else
        {
            message.WakeConsumers();
        }

        if (!transfer.More)
        {
            CountPresettledLocked(link, d);
            d.Release(); // the link's receive reference
        }
    }

    /// <summary>
    /// A pre-settled delivery is counted once it is wholly received (or aborted): the C router counts every delivery
    /// when it is freed, a pre-settled one as presettled whether or not a consumer took it.
    /// </summary>
    private static void CountPresettledLocked(AmqpIncomingLink link, Delivery d)
    {
        if (d.Presettled)
        {
            link.CountOutcome(d, DeliveryStateKind.None);
        }
    }

    private Delivery StartIncomingLocked(AmqpSession session, AmqpIncomingLink link, Transfer transfer, uint deliveryId)
    {
        var message = Message.Rent(session.Budget);
        var d = Delivery.RentIncoming(link, message);
        d.DeliveryId = deliveryId;
        if (transfer.HasDeliveryTag)
        {
            d.Tag = transfer.DeliveryTag;
        }

        d.Presettled = transfer.Settled == true || link.SndSettleMode == SenderSettleMode.Settled;
        d.IngressTicks = Core.Ticks;
        link.Current = d;
        link.DeliveryCountValue++;
        if (link.LinkCredit > 0)
        {
            // The management gauge (creditAvailable) is not updated here: the C router records an incoming link's
            // credit when it grants credit, not when a delivery uses it (skstat -l shows 250 on the $management
            // link while a request is being answered).
            link.LinkCredit--;
        }

        if (!d.Presettled)
        {
            d.AddRef();
            session.IncomingUnsettled[deliveryId] = d;
            Interlocked.Increment(ref link.UnsettledCount);
        }

        Interlocked.Increment(ref link.DeliveryCount);
        Interlocked.Increment(ref Core.Counters.DeliveriesIngress);
        LastDeliveryTick = Core.Ticks + 1;
        return d;
    }

    /// <summary>Routes a delivery once its address is known (at the first frame on a targeted link).</summary>
    private void RouteIncomingLocked(AmqpIncomingLink link, Delivery d)
    {
        var message = d.Message!;
        var address = link.Address;
        bool anonymous = address is null;
        if (anonymous)
        {
            var lookup = MessageAddressReader.TryReadTo(message, Core, out address, out var treatment);
            if (lookup == AddressLookup.NeedMoreData)
            {
                return; // wait for more frames
            }

            if (lookup == AddressLookup.Malformed || lookup == AddressLookup.NoAddress)
            {
                d.Routed = true;
                message.DropHold();
                var error = lookup == AddressLookup.Malformed
                    ? new AmqpError(AmqpErrors.DecodeError, "Malformed message: cannot read its properties")
                    : new AmqpError(AmqpErrors.PreconditionFailed, "Message has no destination address");
                SettleByRouterLocked(link, d, DeliveryState.Rejected(error));
                ReplenishCreditLocked(link);
                return;
            }

            // Also for an address not in the table yet: what configuration would make of it decides (an
            // `address` entity or defaultDistribution `unavailable`), as in the C router.
            if (treatment == Treatment.Unavailable)
            {
                d.Routed = true;
                message.DropHold();
                SettleByRouterLocked(link, d, DeliveryState.Rejected(new AmqpError(AmqpErrors.NotFound, "Deliveries cannot be sent to an unavailable address")));
                ReplenishCreditLocked(link);
                return;
            }
        }

        d.Address = address;
        int fanout = address is null ? 0 : Forwarder.Route(Core, d, address, ActionList.Current);
        if (address is not null)
        {
            Interlocked.Increment(ref address.DeliveriesIngress);
        }

        if (fanout == 0)
        {
            if (address is null)
            {
                d.Routed = true;
                message.DropHold();
            }

            if (d.Presettled)
            {
                Interlocked.Increment(ref link.DroppedPresettledCount);
                Interlocked.Increment(ref Core.Counters.DroppedPresettledDeliveries);
            }
            else
            {
                SettleByRouterLocked(link, d, DeliveryState.Released);
            }

            if (anonymous)
            {
                ReplenishCreditLocked(link);
            }
            else
            {
                // No consumer for a targeted link: drain the sender's credit until one appears.
                link.CreditPending++;
                link.Drain = true;
                QueueLinkFlowLocked(link);
            }

            return;
        }

        if (d.Presettled)
        {
            ReplenishCreditLocked(link);
        }
    }

    /// <summary>One more credit for an incoming link (a delivery was settled or forwarded pre-settled).</summary>
    private void ReplenishCreditLocked(AmqpIncomingLink link)
    {
        if (link.IsDetached)
        {
            return;
        }

        if (link.Address is { } address && !address.HasConsumers && !address.InProcess)
        {
            link.CreditPending++;
            return;
        }

        if (link.LinkCredit < link.Capacity)
        {
            link.LinkCredit++;
            link.Drain = false;
            link.SetCreditGauge();
            QueueLinkFlowLocked(link);
        }
    }

    /// <summary>The router itself gives a delivery its outcome (released, rejected) and settles it.</summary>
    private void SettleByRouterLocked(AmqpIncomingLink link, Delivery d, DeliveryState state)
    {
        if (d.LocallySettled || d.Presettled)
        {
            return;
        }

        d.LocalState = state;
        d.LocallySettled = true;
        QueueDispositionLocked(link.Session, d);
        if (RemoveIncomingUnsettled(link.Session, d))
        {
            d.Release();
        }

        link.CountOutcome(d, state.Kind);
    }

    /// <summary>The producer settled its delivery first: settle the outgoing copies with its state.</summary>
    private void SettledByProducerLocked(AmqpSession session, AmqpIncomingLink link, Delivery d, DeliveryState state)
    {
        d.RemotelySettled = true;
        if (!state.IsNone)
        {
            d.RemoteState = state;
        }

        var actions = ActionList.Current;
        if (!d.LocallySettled)
        {
            if (d.Peer is { } peer)
            {
                actions.PeerUpdate(peer, d.RemoteState, settled: true);
            }

            if (d.Peers is { } peers)
            {
                for (int i = 0; i < d.PeerCount; i++)
                {
                    actions.PeerUpdate(peers[i], d.RemoteState, settled: true);
                }
            }
        }

        d.UnlinkPeers();
        if (RemoveIncomingUnsettled(session, d))
        {
            if (!d.LocallySettled)
            {
                ReplenishCreditLocked(link);
            }

            d.Release();
        }
    }

    /// <summary>
    /// From the consumer side: the outgoing peer of an incoming delivery reached a state. Carries it to the producer
    /// (multicast: once every copy is settled, with the strongest outcome — rejected, accepted, modified, released).
    /// </summary>
    public void UpdateIncoming(AmqpIncomingLink link, Delivery d, DeliveryState state, bool settled)
    {
        lock (_sync)
        {
            if (link.IsDetached || _terminated || d.LocallySettled || d.RemotelySettled)
            {
                return;
            }

            if (d.IsMulticast)
            {
                if (!settled)
                {
                    return;
                }

                d.TerminalPeers++;
                d.MulticastOutcome = Stronger(d.MulticastOutcome, state.Kind);
                if (d.TerminalPeers < d.PeerCount)
                {
                    return;
                }

                state = d.MulticastOutcome switch
                {
                    DeliveryStateKind.Rejected => DeliveryState.Rejected(null),
                    DeliveryStateKind.Modified => DeliveryState.Modified(true, false),
                    DeliveryStateKind.Released => DeliveryState.Released,
                    _ => DeliveryState.Accepted,
                };
            }
            else if (!settled && state.Equals(d.LocalState))
            {
                return;
            }

            d.LocalState = state;
            QueueDispositionLocked(link.Session, d);
            if (settled)
            {
                d.LocallySettled = true;
                link.CountOutcome(d, state.Kind);
                d.UnlinkPeers();
                if (RemoveIncomingUnsettled(link.Session, d))
                {
                    d.Release();
                }

                ReplenishCreditLocked(link);
            }
        }

        _writeSignal.Set();
    }

    private static DeliveryStateKind Stronger(DeliveryStateKind current, DeliveryStateKind next)
    {
        static int Rank(DeliveryStateKind k) => k switch
        {
            DeliveryStateKind.Rejected => 4,
            DeliveryStateKind.Accepted => 3,
            DeliveryStateKind.Modified => 2,
            DeliveryStateKind.Released => 1,
            _ => 0,
        };
        return Rank(next) > Rank(current) ? next : current;
    }

    /// <summary>From the producer side: its delivery was settled; settle our outgoing copy towards the consumer.</summary>
    public void UpdateOutgoing(AmqpOutgoingLink link, Delivery d, DeliveryState state, bool settled)
    {
        lock (_sync)
        {
            if (!settled || link.IsDetached || _terminated || d.LocallySettled || d.RemotelySettled)
            {
                return;
            }

            d.LocalState = state;
            d.LocallySettled = true;
            if (d.FirstFrameSent)
            {
                QueueDispositionLocked(link.Session, d);
                if (link.Session.OutgoingUnsettled.Remove(d.DeliveryId))
                {
                    Interlocked.Decrement(ref link.UnsettledCount);
                    d.Release();
                }
            }
        }

        _writeSignal.Set();
    }

    /// <summary>Forgets an incoming unsettled delivery (keeps the link's unsettled gauge right); true if it was there.</summary>
    private static bool RemoveIncomingUnsettled(AmqpSession session, Delivery d)
    {
        if (!session.IncomingUnsettled.Remove(d.DeliveryId))
        {
            return false;
        }

        if (d.Link is { } link)
        {
            Interlocked.Decrement(ref link.UnsettledCount);
        }

        return true;
    }

    private static void QueueDispositionLocked(AmqpSession session, Delivery d)
    {
        if (!d.DispositionPending)
        {
            d.DispositionPending = true;
            d.AddRef();
            session.PendingDispositions.Add(d);
        }
    }

    // ---- disposition ------------------------------------------------------------------------------------------

    private void HandleDispositionLocked(AmqpSession session, Disposition disposition)
    {
        uint first = disposition.First;
        uint last = disposition.Last ?? first;
        if (last - first > 1_000_000)
        {
            throw new AmqpProtocolException(AmqpErrors.InvalidField, $"disposition range {first}..{last} is too large");
        }

        var actions = ActionList.Current;
        for (uint id = first; ; id++)
        {
            if (disposition.Role == LinkRole.Receiver)
            {
                // The peer is the receiver: it is about deliveries we sent.
                if (session.OutgoingUnsettled.TryGetValue(id, out var d))
                {
                    ConsumerDispositionLocked(session, d, disposition.State, disposition.Settled, actions);
                }
            }
            else if (session.IncomingUnsettled.TryGetValue(id, out var d))
            {
                var link = (AmqpIncomingLink)d.Link!;
                if (disposition.Settled)
                {
                    SettledByProducerLocked(session, link, d, disposition.State);
                }
                else if (!disposition.State.IsNone)
                {
                    d.RemoteState = disposition.State;
                }
            }

            if (id == last)
            {
                break;
            }
        }
    }

    private void ConsumerDispositionLocked(AmqpSession session, Delivery d, DeliveryState state, bool settled, ActionList actions)
    {
        var link = (AmqpOutgoingLink)d.Link!;
        if (!state.IsNone)
        {
            d.RemoteState = state;
        }

        if (d.Peer is { } peer && !d.LocallySettled)
        {
            if (settled || !state.IsNone)
            {
                actions.PeerUpdate(peer, d.RemoteState, settled);
            }
        }

        if (settled)
        {
            d.RemotelySettled = true;
            link.CountOutcome(d, d.RemoteState.Kind);
            session.OutgoingUnsettled.Remove(d.DeliveryId);
            Interlocked.Decrement(ref link.UnsettledCount);
            d.UnlinkPeers();
            d.Release();
        }
    }

    // ---- flow ---------------------------------------------------------------------------------------------------

    private void HandleFlowLocked(AmqpSession session, Flow flow)
    {
        uint nextIncoming = flow.NextIncomingId ?? 0;
        session.RemoteIncomingWindow = unchecked(nextIncoming + flow.IncomingWindow - session.NextOutgoingId);
        session.RemoteOutgoingWindow = flow.OutgoingWindow;
        if (flow.Handle is not uint handle)
        {
            if (flow.Echo)
            {
                session.FlowPending = true;
            }

            return;
        }

        if (!session.LinksByRemoteHandle.TryGetValue(handle, out var link))
        {
            throw new AmqpProtocolException(AmqpErrors.UnattachedHandle, $"flow on handle {handle}, which is not attached");
        }

        if (link is AmqpOutgoingLink outgoing)
        {
            // transport.xml 2.6.7: link-credit(snd) = delivery-count(rcv) + link-credit(rcv) - delivery-count(snd)
            uint deliveryCount = flow.DeliveryCount ?? 0;
            uint credit = flow.LinkCredit ?? 0;
            outgoing.LinkCredit = unchecked(deliveryCount + credit - outgoing.DeliveryCountValue);
            if (outgoing.LinkCredit > int.MaxValue)
            {
                outgoing.LinkCredit = 0;
            }

            outgoing.Drain = flow.Drain;
            outgoing.SetCreditGauge();
            if (!outgoing.IsReady && (outgoing.Head is not null || outgoing.Drain))
            {
                outgoing.IsReady = true;
                _readyLinks.Add(outgoing);
            }

            if (flow.Echo)
            {
                QueueLinkFlowLocked(outgoing);
            }
        }
        else
        {
            // The peer is the sender: its delivery-count may have advanced (drain), consuming credit.
            if (flow.DeliveryCount is uint senderCount)
            {
                uint limit = unchecked(link.DeliveryCountValue + link.LinkCredit);
                link.DeliveryCountValue = senderCount;
                uint remaining = unchecked(limit - senderCount);
                link.LinkCredit = remaining > int.MaxValue ? 0 : remaining;
                link.SetCreditGauge();
            }

            if (flow.Echo)
            {
                QueueLinkFlowLocked(link);
            }
        }
    }

    /// <summary>Opens the session window again when half of it is used, unless the session's byte budget is spent.</summary>
    private static void CheckIncomingWindowLocked(AmqpSession session)
    {
        if (session.IncomingWindow <= session.IncomingWindowSize / 2 && !session.FlowPending)
        {
            if (session.Budget.IsExhausted)
            {
                session.Budget.MarkBlocked();
            }
            else
            {
                session.FlowPending = true;
            }
        }
    }
}
