using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// An AMQP link of a router connection; a <see cref="RouterLink"/> the core routes to and from. Protocol state is
/// guarded by the owning connection's lock.
/// </summary>
internal abstract class AmqpLink : RouterLink
{
    protected AmqpLink(AmqpConnection connection, AmqpSession session, LinkDirection direction, string name, uint localHandle)
        : base(connection, direction, name)
    {
        Amqp = connection;
        Session = session;
        LocalHandle = localHandle;
    }

    public AmqpConnection Amqp { get; }

    public AmqpSession Session { get; }

    public uint LocalHandle { get; }

    public uint? RemoteHandle { get; set; }

    public bool AttachSent { get; set; }

    public bool AttachReceived { get; set; }

    public bool DetachSent { get; set; }

    public bool DetachReceived { get; set; }

    public Terminus? Source { get; set; }

    public Terminus? Target { get; set; }

    public SenderSettleMode SndSettleMode { get; set; } = SenderSettleMode.Mixed;

    public ReceiverSettleMode RcvSettleMode { get; set; } = ReceiverSettleMode.First;

    /// <summary>Delivery count (transport.xml 2.6.7) as this end knows it.</summary>
    public uint DeliveryCountValue { get; set; }

    /// <summary>Link credit as this end knows it.</summary>
    public uint LinkCredit { get; set; }

    public bool Drain { get; set; }

    /// <summary>A link flow frame is waiting to be written.</summary>
    public bool FlowPending { get; set; }

    public bool EchoRequested { get; set; }

    public void MarkDetached() => IsDetached = true;

    public void SetCreditGauge()
    {
        int credit = (int)Math.Min(LinkCredit, int.MaxValue);
        if (credit == 0 && CreditAvailable != 0)
        {
            ZeroCreditSince = Connection.Core.Ticks + 1;
        }
        else if (credit != 0)
        {
            ZeroCreditSince = 0;
        }

        CreditAvailable = credit;
    }
}
