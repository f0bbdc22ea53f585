using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>A link on which the router receives (the peer is the sender).</summary>
internal sealed class AmqpIncomingLink : AmqpLink
{
    public AmqpIncomingLink(AmqpConnection connection, AmqpSession session, string name, uint localHandle)
        : base(connection, session, LinkDirection.Incoming, name, localHandle)
    {
    }

    /// <summary>The multi-frame delivery being received, if any.</summary>
    public Delivery? Current { get; set; }

    /// <summary>Credit withheld because the address had no consumer (issued when one appears).</summary>
    public int CreditPending { get; set; }

    public override void Deliver(Delivery delivery) =>
        throw new InvalidOperationException("deliveries are not sent on an incoming link");

    public override void Wake(Delivery delivery)
    {
    }

    public override void OnPeerUpdate(Delivery delivery, DeliveryState state, bool settled) =>
        Amqp.UpdateIncoming(this, delivery, state, settled);

    public override void IssueCredit(int credit, bool drain) => Amqp.IssueCredit(this, credit, drain);
}
