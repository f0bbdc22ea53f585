using Skrouterd.Amqp.Framing;

namespace Skrouterd.Routing.InProcess;

/// <summary>
/// An in-process producer: injects messages into the router as an incoming link does. A message may be sent whole or
/// streamed (created open, appended to, then completed). Outcomes come back through the handler's
/// <see cref="IInProcessHandler.OnUpdate"/>. Thread-safe; call from threads that hold no connection lock.
/// </summary>
internal sealed class InProcessSender : RouterLink
{
    private readonly IInProcessHandler _handler;

    public InProcessSender(InProcessConnection connection, string name, IInProcessHandler handler)
        : base(connection, LinkDirection.Incoming, name)
    {
        _handler = handler;
    }

    /// <summary>
    /// Routes <paramref name="message"/> (complete or still open) to <paramref name="address"/>. Returns the incoming
    /// delivery, which the caller owns one reference to when the send is unsettled and routed (release it after the
    /// final update), or null when it was pre-settled or no consumer took it (<paramref name="fanout"/> = 0).
    /// </summary>
    public Delivery? Send(Message message, Address? address, bool presettled, out int fanout)
    {
        var d = Delivery.RentIncoming(this, message);
        d.Presettled = presettled;
        d.IngressTicks = Connection.Core.Ticks;
        d.Address = address;
        Interlocked.Increment(ref DeliveryCount);
        Connection.LastDeliveryTick = Connection.Core.Ticks + 1;
        var actions = ActionList.Current;
        if (address is null)
        {
            message.DropHold();
            fanout = 0;
        }
        else
        {
            fanout = Forwarder.Route(Connection.Core, d, address, actions);
            if (((InProcessConnection)Connection).IsRegistered)
            {
                Interlocked.Increment(ref address.DeliveriesIngress); // the management agent's replies are not ingress
            }

            Interlocked.Increment(ref address.DeliveriesFromContainer);
        }

        actions.Run();
        if (presettled || fanout == 0)
        {
            d.Release();
            return null;
        }

        return d;
    }

    /// <summary>Sends a whole encoded message to an address string (e.g. a reply-to), pre-settled.</summary>
    public bool SendTo(ReadOnlySpan<byte> encoded, string to)
    {
        var address = Connection.Core.FindByAddress(to);
        if (address is null)
        {
            return false;
        }

        var message = Message.Rent(null);
        message.Append(encoded, encoded.Length);
        message.Complete();
        Send(message, address, presettled: true, out int fanout);
        return fanout > 0;
    }

    public override void Deliver(Delivery delivery) =>
        throw new InvalidOperationException("deliveries are not sent to an in-process sender");

    public override void Wake(Delivery delivery)
    {
    }

    public override void OnPeerUpdate(Delivery delivery, DeliveryState state, bool settled)
    {
        if (settled)
        {
            if (delivery.LocallySettled)
            {
                return;
            }

            delivery.LocallySettled = true;
            CountOutcome(delivery, state.Kind);
        }

        _handler.OnUpdate(this, delivery, state, settled);
    }

    public override void IssueCredit(int credit, bool drain) => _handler.OnCredit(this, credit, drain);

    public void Detach()
    {
        IsDetached = true;
        Connection.Core.UnbindProducer(this);
    }
}
