using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Tcp;

/// <summary>
/// The listener side of a flow (adaptors.md §2.2): the client's connection becomes the client→server message to the
/// service address, sent at once (before any client byte) so the far side connects to its server immediately; the
/// server→client message arrives on a dynamic reply-to address of our own.
/// </summary>
internal sealed class IngressFlow : TcpFlow
{
    private readonly TcpAdaptorListener _listener;
    private Address? _replyAddress;

    public IngressFlow(TcpAdaptorListener listener, FlowIo io)
        : base(listener.Adaptor, io, listener.Options.Address, listener.Counters)
    {
        _listener = listener;
        GlobalId = listener.Options.SiteId is null ? io.RemoteAddress : $"{io.RemoteAddress}@{listener.Options.SiteId}";
    }

    public override bool IsIngress => true;

    /// <summary>
    /// Sets the flow up (synchronously: nothing here waits) and starts its loops, or cleans it up when the service
    /// cannot be reached.
    /// </summary>
    public void Start()
    {
        bool started = false;
        try
        {
            started = TryStart();
        }
        catch (Exception e)
        {
            Log.FlowFailed(ConnectionIdText, e);
        }

        StartLoopsOrCleanup(started);
    }

    private bool TryStart()
    {
        var core = Adaptor.Core;
        var connection = new InProcessConnection(core, "tcp", "TcpAdaptor", Io.RemoteAddress, incoming: true, register: true,
            owner: this);
        Connection = connection;
        Interlocked.Increment(ref Counters.ConnectionsOpened);
        CountedOpen = true;
        if (Log.IsEnabled(LogLevel.Debug))
        {
            Log.Accepted(ConnectionIdText, _listener.Options.HostPort, Io.RemoteAddress, GlobalId);
        }

        var actions = ActionList.Current;
        Receiver = new InProcessReceiver(connection, "tcp.ingress.out", this);
        (string replyTo, _replyAddress) = core.CreateTemporaryAddress(forReceiver: true);
        core.BindConsumer(Receiver, _replyAddress, actions);
        actions.Run();

        // The sender is not bound as a producer of the service address: each binding copies the address's producer
        // array, so thousands of open flows would make every new flow cost O(flows). Send routes to the address
        // directly, and the listener accepts only while the address is reachable (the check below covers the race).
        var service = core.GetOrCreate(core.KeyFor(Address));
        Sender = new InProcessSender(connection, "tcp.ingress.in", this) { TerminusAddress = Address };
        core.BindProducer(Sender, null);
        if (!service.HasConsumers)
        {
            Log.NoService(ConnectionIdText, Address);
            return false;
        }

        var message = Message.Rent(null);
        new StreamHead(Address, GlobalId, replyTo, FlowId, Io.ApplicationProtocol, null).AppendTo(message);
        var delivery = Sender.Send(message, service, presettled: false, out int fanout);
        if (delivery is null || fanout == 0)
        {
            Log.NoService(ConnectionIdText, Address);
            return false;
        }

        // The delivery keeps the message alive; we hold the delivery until Cleanup, after both loops have exited.
        OutDelivery = delivery;
        OutMessage = message;
        return true;
    }

    public override void OnDelivery(InProcessReceiver link, Delivery delivery)
    {
        if (IsFinished || !SetInDelivery(delivery, wakeInline: true))
        {
            link.Settle(delivery, DeliveryState.Released);
        }
    }

    protected override bool AcceptIncomingHead(StreamHead head)
    {
        if (head.ContentType is not null)
        {
            Log.WrongEncapsulation(ConnectionIdText, "tcpListener (wrong outgoing encapsulation)");
            RejectIncoming("Misconfigured tcpListener (wrong outgoing encapsulation)");
            return false;
        }

        return true;
    }

    protected override void OnFinished()
    {
        Sender?.Detach();
        if (Receiver is { } r)
        {
            r.Detach();
        }

        Connection?.Unregister();
        if (Adaptor.Log.IsEnabled(LogLevel.Debug))
        {
            Log.FlowEnded(ConnectionIdText, BytesIn, BytesOut);
        }
    }
}
