using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// Link attach and detach (transport.xml 2.7.3, 2.7.7) and the router's reaction to them: binding to addresses,
/// dynamic addresses, credit, and releasing deliveries of a link that goes away (as the C router's
/// qdr_link_cleanup_deliveries_CT does).
/// </summary>
internal sealed partial class AmqpConnection
{
    private readonly List<AmqpLink> _pendingLinkFlows = [];

    private void HandleAttachLocked(AmqpSession session, Attach attach)
    {
        if (session.LinksByRemoteHandle.ContainsKey(attach.Handle))
        {
            throw new AmqpProtocolException(AmqpErrors.HandleInUse, $"handle {attach.Handle} is already attached");
        }

        if (attach.Handle > int.MaxValue)
        {
            throw new AmqpProtocolException(AmqpErrors.ResourceLimitExceeded, $"handle {attach.Handle} exceeds handle-max");
        }

        bool peerIsSender = attach.Role == LinkRole.Sender;
        uint localHandle = session.AllocateHandle();
        AmqpLink link = peerIsSender
            ? new AmqpIncomingLink(this, session, attach.Name, localHandle)
            : new AmqpOutgoingLink(this, session, attach.Name, localHandle);
        link.RemoteHandle = attach.Handle;
        link.AttachReceived = true;
        link.Source = attach.Source;
        link.Target = attach.Target;
        link.SndSettleMode = attach.SndSettleMode ?? SenderSettleMode.Mixed;
        link.RcvSettleMode = ReceiverSettleMode.First;
        link.Capacity = _settings.LinkCapacity;
        session.LinksByRemoteHandle[attach.Handle] = link;
        session.LinksByLocalHandle[localHandle] = link;
        session.LinksByName[attach.Name] = link;

        var actions = ActionList.Current;
        if (peerIsSender)
        {
            AttachIncomingLocked((AmqpIncomingLink)link, attach);
        }
        else
        {
            AttachOutgoingLocked((AmqpOutgoingLink)link, attach, actions);
        }
    }

    private void AttachIncomingLocked(AmqpIncomingLink link, Attach attach)
    {
        var target = attach.Target as Target;
        Address? address = null;
        string? replyAddress = target?.Address;
        string? failure = null;
        if (target is { IsDynamic: true })
        {
            (replyAddress, address) = Core.CreateTemporaryAddress(forReceiver: false);
        }
        else if (!string.IsNullOrEmpty(target?.Address))
        {
            address = Core.GetOrCreate(Core.KeyFor(target.Address));
            if (address.Treatment == Treatment.Unavailable)
            {
                failure = AmqpErrors.NotFound;
            }
        }

        link.TerminusAddress = replyAddress;
        link.DeliveryCountValue = attach.InitialDeliveryCount ?? 0;
        SendAttachReplyLocked(link, attach, replyAddress);
        if (failure is not null)
        {
            DetachLocked(link, new AmqpError(AmqpErrors.NotFound, "Node not found"));
            return;
        }

        int credit = Core.BindProducer(link, address);
        LogAttach(link);
        if (credit > 0)
        {
            link.LinkCredit = (uint)credit;
            link.SetCreditGauge();
            QueueLinkFlowLocked(link);
        }
        else
        {
            link.CreditPending = link.Capacity;
        }
    }

    private void AttachOutgoingLocked(AmqpOutgoingLink link, Attach attach, ActionList actions)
    {
        var source = attach.Source as Source;
        Address? address = null;
        string? replyAddress = source?.Address;
        AmqpError? failure = null;
        if (source is { IsDynamic: true })
        {
            (replyAddress, address) = Core.CreateTemporaryAddress(forReceiver: true);
        }
        else if (string.IsNullOrEmpty(source?.Address))
        {
            failure = new AmqpError("qd:no-route-to-dest", "No route to the destination node");
        }
        else
        {
            string key = Core.KeyFor(source.Address);
            if (key[0] == AddressKey.Router)
            {
                failure = new AmqpError("qd:no-route-to-dest", "No route to the destination node");
            }
            else
            {
                address = Core.GetOrCreate(key);
                if (address.Treatment == Treatment.Unavailable)
                {
                    failure = new AmqpError(AmqpErrors.NotFound, "Node not found");
                }
            }
        }

        link.TerminusAddress = replyAddress;
        link.DeliveryCountValue = 0;
        SendAttachReplyLocked(link, attach, replyAddress);
        if (failure is not null)
        {
            if (address is not null)
            {
                Core.RemoveIfUnused(address);
            }

            DetachLocked(link, failure);
            return;
        }

        Core.BindConsumer(link, address!, actions);
        LogAttach(link);
    }

    private void LogAttach(AmqpLink link)
    {
        if (_log.IsEnabled(LogLevel.Debug))
        {
            Log.LinkAttached(_log, Identity, link.Identity, link.Direction == LinkDirection.Incoming ? "in" : "out",
                (link.Source as Terminus)?.Address ?? "", (link.Target as Terminus)?.Address ?? "");
        }
    }

    /// <summary>The router's answer to a peer's attach: termini echoed in the C router's 5-field form.</summary>
    private void SendAttachReplyLocked(AmqpLink link, Attach attach, string? address)
    {
        bool peerIsSender = attach.Role == LinkRole.Sender;
        var source = new Source
        {
            Address = peerIsSender ? attach.Source?.Address : address,
            Durable = 0,
            ExpiryPolicy = "session-end",
            Timeout = 0,
            Dynamic = attach.Source?.Dynamic ?? false,
        };
        var target = new Target
        {
            Address = peerIsSender ? address : attach.Target?.Address,
            Durable = 0,
            ExpiryPolicy = "session-end",
            Timeout = 0,
            Dynamic = attach.Target?.Dynamic ?? false,
        };
        var reply = new Attach
        {
            Name = attach.Name,
            Handle = link.LocalHandle,
            Role = peerIsSender ? LinkRole.Receiver : LinkRole.Sender,
            SndSettleMode = link.SndSettleMode,
            RcvSettleMode = ReceiverSettleMode.First,
            Source = attach.Source is null ? null : source,
            Target = attach.Target is null ? null : target,
            InitialDeliveryCount = 0,
            MaxMessageSize = 0,
        };
        WriteFrameLocked(link.Session.LocalChannel, reply);
        link.AttachSent = true;
    }

    private void HandleDetachLocked(AmqpSession session, Detach detach)
    {
        if (!session.LinksByRemoteHandle.TryGetValue(detach.Handle, out var link))
        {
            throw new AmqpProtocolException(AmqpErrors.UnattachedHandle, $"detach of handle {detach.Handle}, which is not attached");
        }

        link.DetachReceived = true;
        if (!link.DetachSent)
        {
            WriteFrameLocked(session.LocalChannel, new Detach { Handle = link.LocalHandle, Closed = detach.Closed });
            link.DetachSent = true;
        }

        CleanupLinkLocked(link, detach.Error?.ToString() ?? "detached by peer");
        ForgetLinkLocked(link);
    }

    /// <summary>The router detaches a link (with an error); it is forgotten once the peer answers.</summary>
    private void DetachLocked(AmqpLink link, AmqpError? error)
    {
        if (!link.DetachSent)
        {
            WriteFrameLocked(link.Session.LocalChannel, new Detach { Handle = link.LocalHandle, Closed = true, Error = error });
            link.DetachSent = true;
        }

        CleanupLinkLocked(link, error?.ToString() ?? "detached by router");
        if (link.DetachReceived)
        {
            ForgetLinkLocked(link);
        }
    }

    private static void ForgetLinkLocked(AmqpLink link)
    {
        var session = link.Session;
        if (link.RemoteHandle is uint remote)
        {
            session.LinksByRemoteHandle.Remove(remote);
        }

        session.LinksByLocalHandle.Remove(link.LocalHandle);
        if (session.LinksByName.TryGetValue(link.Name, out var named) && named == link)
        {
            session.LinksByName.Remove(link.Name);
        }
    }

    /// <summary>
    /// Releases everything a link holds: queued deliveries are released back to their producers, sent but unsettled
    /// ones are reported as failed (modified), an incoming message still arriving is aborted.
    /// </summary>
    private void CleanupLinkLocked(AmqpLink link, string reason)
    {
        if (link.IsDetached)
        {
            return;
        }

        link.MarkDetached();
        var actions = ActionList.Current;
        var session = link.Session;
        if (link is AmqpOutgoingLink outgoing)
        {
            while (outgoing.Dequeue() is { } d)
            {
                Interlocked.Decrement(ref link.UndeliveredCount);
                if (!d.FirstFrameSent)
                {
                    if (d.Presettled)
                    {
                        Interlocked.Increment(ref link.DroppedPresettledCount);
                        Interlocked.Increment(ref Core.Counters.DroppedPresettledDeliveries);
                    }
                    else if (d.Peer is not null && !d.LocallySettled)
                    {
                        actions.PeerUpdate(d.Peer, DeliveryState.Released, settled: true);
                    }
                }

                d.ReleaseContent();
                d.Release();
            }

            if (session.OutgoingUnsettled.Count > 0)
            {
                foreach (var (id, d) in session.OutgoingUnsettled.ToList())
                {
                    if (d.Link != link)
                    {
                        continue;
                    }

                    session.OutgoingUnsettled.Remove(id);
                    Interlocked.Decrement(ref link.UnsettledCount);
                    if (d.Peer is not null && !d.LocallySettled && !d.RemotelySettled)
                    {
                        actions.PeerUpdate(d.Peer, DeliveryState.Modified(deliveryFailed: true, undeliverableHere: false), settled: true);
                    }

                    d.ReleaseContent();
                    d.Release();
                }
            }

            outgoing.IsReady = false;
            _readyLinks.Remove(outgoing);
            Core.UnbindConsumer(link);
        }
        else if (link is AmqpIncomingLink incoming)
        {
            if (incoming.Current is { } current)
            {
                incoming.Current = null;
                var message = current.Message!;
                message.Abort();
                if (!current.Routed)
                {
                    message.DropHold();
                }

                message.WakeConsumers();
                current.Release();
            }

            if (session.IncomingUnsettled.Count > 0)
            {
                foreach (var (id, d) in session.IncomingUnsettled.ToList())
                {
                    if (d.Link != link)
                    {
                        continue;
                    }

                    session.IncomingUnsettled.Remove(id);
                    d.UnlinkPeers();
                    d.Release();
                }
            }

            Core.UnbindProducer(link);
        }

        _pendingLinkFlows.Remove(link);
        if (_log.IsEnabled(LogLevel.Debug))
        {
            Log.LinkDetached(_log, Identity, link.Identity, reason);
        }
    }

    private void QueueLinkFlowLocked(AmqpLink link)
    {
        if (!link.FlowPending)
        {
            link.FlowPending = true;
            _pendingLinkFlows.Add(link);
        }
    }

    // ---- entry points for other connections (each takes this connection's lock) ----------------------------------

    /// <summary>Queues an outgoing delivery on a consumer link of this connection.</summary>
    public void EnqueueOutgoing(AmqpOutgoingLink link, Delivery d)
    {
        lock (_sync)
        {
            if (link.IsDetached || _terminated)
            {
                Interlocked.Decrement(ref link.UndeliveredCount);
                if (d.Presettled)
                {
                    Interlocked.Increment(ref link.DroppedPresettledCount);
                }
                else if (d.Peer is not null)
                {
                    ActionList.Current.PeerUpdate(d.Peer, DeliveryState.Released, settled: true);
                }

                d.ReleaseContent();
                return;
            }

            if (d.Presettled && link.QueueLength >= link.Capacity)
            {
                DropQueuedPresettledLocked(link);
            }

            d.AddRef();
            link.Enqueue(d);
            if (!link.IsReady)
            {
                link.IsReady = true;
                _readyLinks.Add(link);
            }
        }

        _writeSignal.Set();
    }

    /// <summary>
    /// A pre-settled delivery arrives for a link whose queue is at capacity (the consumer is not taking them): drop the
    /// queued pre-settled deliveries that have not started, as the C router's qdr_forward_drop_presettled_CT_LH does.
    /// Pre-settled producers get their credit back as soon as a delivery is forwarded, so without this a stuck
    /// consumer would fill its queue until the producer's session budget runs out and stalls every link of that
    /// session. The head is kept: part of it may already be on the wire.
    /// </summary>
    private void DropQueuedPresettledLocked(AmqpOutgoingLink link)
    {
        var previous = link.Head;
        while (previous?.NextInQueue is { } d)
        {
            if (!d.Presettled || d.FirstFrameSent)
            {
                previous = d;
                continue;
            }

            link.RemoveAfter(previous);
            Interlocked.Decrement(ref link.UndeliveredCount);
            Interlocked.Increment(ref link.DroppedPresettledCount);
            Interlocked.Increment(ref Core.Counters.DroppedPresettledDeliveries);
            d.ReleaseContent();
            d.Release(); // the queue's reference
        }
    }

    /// <summary>Grants credit on an incoming link (the address became reachable).</summary>
    public void IssueCredit(AmqpIncomingLink link, int credit, bool drain)
    {
        lock (_sync)
        {
            if (link.IsDetached || _terminated)
            {
                return;
            }

            link.LinkCredit = (uint)Math.Min(link.Capacity, link.LinkCredit + (uint)Math.Max(credit, 0));
            link.CreditPending = 0;
            link.Drain = drain;
            link.SetCreditGauge();
            QueueLinkFlowLocked(link);
        }

        _writeSignal.Set();
    }
}
