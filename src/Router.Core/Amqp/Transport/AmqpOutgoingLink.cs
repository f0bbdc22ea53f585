using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// A link on which the router sends (the peer is the receiver). Deliveries wait in an intrusive queue until sent
/// completely; the head may be a streaming delivery still receiving content.
/// </summary>
internal sealed class AmqpOutgoingLink : AmqpLink
{
    public AmqpOutgoingLink(AmqpConnection connection, AmqpSession session, string name, uint localHandle)
        : base(connection, session, LinkDirection.Outgoing, name, localHandle)
    {
    }

    public Delivery? Head { get; set; }

    public Delivery? Tail { get; set; }

    public int QueueLength { get; set; }

    /// <summary>On the connection's ready list.</summary>
    public bool IsReady { get; set; }

    public void Enqueue(Delivery d)
    {
        d.NextInQueue = null;
        if (Tail is null)
        {
            Head = d;
        }
        else
        {
            Tail.NextInQueue = d;
        }

        Tail = d;
        QueueLength++;
    }

    public Delivery? Dequeue()
    {
        var d = Head;
        if (d is not null)
        {
            Head = d.NextInQueue;
            if (Head is null)
            {
                Tail = null;
            }

            d.NextInQueue = null;
            QueueLength--;
        }

        return d;
    }

    /// <summary>Unlinks the delivery after <paramref name="previous"/> (which must have one) and returns it.</summary>
    public Delivery RemoveAfter(Delivery previous)
    {
        var d = previous.NextInQueue!;
        previous.NextInQueue = d.NextInQueue;
        if (Tail == d)
        {
            Tail = previous;
        }

        d.NextInQueue = null;
        QueueLength--;
        return d;
    }

    public override void Deliver(Delivery delivery) => Amqp.EnqueueOutgoing(this, delivery);

    public override void Wake() => Amqp.SignalWriter();

    public override void OnPeerUpdate(Delivery delivery, DeliveryState state, bool settled) =>
        Amqp.UpdateOutgoing(this, delivery, state, settled);

    public override void IssueCredit(int credit, bool drain)
    {
    }
}
