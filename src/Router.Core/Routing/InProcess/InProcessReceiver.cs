using Skrouterd.Amqp.Framing;

namespace Skrouterd.Routing.InProcess;

/// <summary>
/// An in-process consumer of an address: the core delivers to it as to any outgoing link. The endpoint reads each
/// delivery's content (<see cref="ContentReader"/>) and settles it with <see cref="Settle"/>; settlement travels back
/// to the producer. Thread-safe.
/// </summary>
internal sealed class InProcessReceiver : RouterLink
{
    private readonly IInProcessHandler _handler;

    public InProcessReceiver(InProcessConnection connection, string name, IInProcessHandler handler)
        : base(connection, LinkDirection.Outgoing, name)
    {
        _handler = handler;
    }

    public override void Deliver(Delivery delivery)
    {
        if (IsDetached)
        {
            Interlocked.Decrement(ref UndeliveredCount);
            if (!delivery.Presettled && delivery.Peer is { } peer)
            {
                ActionList.Current.PeerUpdate(peer, DeliveryState.Released, settled: true);
            }

            delivery.ReleaseContent();
            return;
        }

        delivery.AddRef(); // held until Settle
        Interlocked.Increment(ref DeliveryCount);
        Interlocked.Decrement(ref UndeliveredCount);
        if (!delivery.Presettled)
        {
            Interlocked.Increment(ref UnsettledCount);
        }

        Connection.LastDeliveryTick = Connection.Core.Ticks + 1;
        _handler.OnDelivery(this, delivery);
    }

    public override void Wake(Delivery delivery) => _handler.OnContent(this, delivery);

    public override void OnPeerUpdate(Delivery delivery, DeliveryState state, bool settled) =>
        _handler.OnUpdate(this, delivery, state, settled);

    public override void IssueCredit(int credit, bool drain)
    {
    }

    /// <summary>
    /// Gives a delivery its outcome (or a non-terminal state when <paramref name="settle"/> is false) and, when
    /// settling, releases it. Call from a thread that holds no connection lock.
    /// </summary>
    public void Settle(Delivery delivery, DeliveryState state, bool settle = true)
    {
        var peer = delivery.Peer;
        if (peer is not null && !delivery.Presettled && !delivery.LocallySettled)
        {
            ActionList.Current.PeerUpdate(peer, state, settle);
        }

        if (settle)
        {
            if (!delivery.LocallySettled)
            {
                delivery.LocallySettled = true;
                if (!delivery.Presettled)
                {
                    Interlocked.Decrement(ref UnsettledCount);
                }

                CountOutcome(delivery, delivery.Presettled ? DeliveryStateKind.None : state.Kind);
                delivery.ReleaseContent();
                delivery.UnlinkPeers();
                delivery.Release();
            }
        }

        ActionList.Current.Run();
    }

    /// <summary>Stops consuming: releases deliveries not settled yet is the endpoint's job before calling this.</summary>
    public void Detach()
    {
        IsDetached = true;
        Connection.Core.UnbindConsumer(this);
    }
}
