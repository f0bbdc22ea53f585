using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Tcp;

/// <summary>
/// The connector side of a flow (adaptors.md §2.2): a client→server delivery arrived on the connector's consumer
/// link; read its head, open a new connection to the server, and send the server→client message to the head's
/// reply-to. A server that cannot be reached gets the delivery released.
/// </summary>
internal sealed class EgressFlow : TcpFlow
{
    private readonly TcpAdaptorConnector _connector;

    public EgressFlow(TcpAdaptorConnector connector, Delivery delivery)
        : base(connector.Adaptor, new PendingFlowIo(), connector.Options.Address, connector.Counters)
    {
        _connector = connector;
        Receiver = connector.Receiver;
        SetInDelivery(delivery);
    }

    public override bool IsIngress => false;

    public async Task RunAsync()
    {
        var head = await ReadIncomingHeadAsync().ConfigureAwait(false);
        if (head is null)
        {
            return;
        }

        GlobalId = head.Subject ?? "";
        var core = Adaptor.Core;
        var connection = new InProcessConnection(core, "tcp", "TcpAdaptor", _connector.Options.HostPort, incoming: false, register: true,
            onForceClose: (_, _) => Abort());
        Connection = connection;
        FlowIo io;
        try
        {
            io = await _connector.ConnectAsync(head.Alpn, Aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException or InvalidOperationException)
        {
            Log.ConnectFailed(ConnectionIdText, _connector.Options.HostPort, e.Message);
            connection.Unregister();
            ReleaseIncoming();
            return;
        }

        ((PendingFlowIo)Io).Attach(io);
        Interlocked.Increment(ref Counters.ConnectionsOpened);

        var replyTo = head.ReplyTo;
        var replyAddress = replyTo is null ? null : core.FindByAddress(replyTo);
        Sender = new InProcessSender(connection, $"{FlowId}-out", this);
        core.BindProducer(Sender, replyAddress);
        var reply = new StreamHead(replyTo ?? "", head.Subject, null, FlowId, head.Alpn is null ? null : io.ApplicationProtocol, null).Encode();
        var message = Message.Rent(null);
        message.Append(reply, reply.Length);
        OutMessage = message;
        OutDelivery = Sender.Send(message, replyAddress, presettled: false, out int fanout);
        if (fanout == 0)
        {
            Abort(); // the client side is gone
            return;
        }

        await Task.WhenAll(ReadLoopAsync(), WriteLoopAsync()).ConfigureAwait(false);
    }

    /// <summary>No server connection: give the stream back (released), as the C router does.</summary>
    private void ReleaseIncoming()
    {
        if (InDelivery is { } d && Receiver is { } r)
        {
            r.Settle(d, DeliveryState.Released);
        }

        Adaptor.Forget(this);
    }

    public override void OnDelivery(InProcessReceiver link, Delivery delivery) =>
        link.Settle(delivery, DeliveryState.Released);

    protected override bool AcceptIncomingHead(StreamHead head)
    {
        if (head.ContentType is not null)
        {
            Log.WrongEncapsulation(ConnectionIdText, "tcpConnector");
            if (InDelivery is { } d && Receiver is { } r)
            {
                r.Settle(d, DeliveryState.Released);
            }

            Adaptor.Forget(this);
            return false;
        }

        return true;
    }

    protected override void OnFinished()
    {
        Sender?.Detach();
        Connection?.Unregister();
        if (Adaptor.Log.IsEnabled(LogLevel.Debug))
        {
            Log.FlowEnded(ConnectionIdText, BytesIn, BytesOut);
        }
    }

    /// <summary>The server connection, attached once it is established (the flow exists before it).</summary>
    private sealed class PendingFlowIo : FlowIo
    {
        private FlowIo? _io;

        public void Attach(FlowIo io) => _io = io;

        private FlowIo Io => _io ?? throw new InvalidOperationException("not connected");

        public override string RemoteAddress => _io?.RemoteAddress ?? "";

        public override string? ApplicationProtocol => _io?.ApplicationProtocol;

        public override ValueTask WaitReadableAsync(CancellationToken ct) => Io.WaitReadableAsync(ct);

        public override int ReadableHint => _io?.ReadableHint ?? 0;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct) => Io.ReadAsync(buffer, ct);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct) => Io.WriteAsync(buffer, ct);

        public override ValueTask ShutdownWriteAsync() => _io?.ShutdownWriteAsync() ?? ValueTask.CompletedTask;

        public override void Close(bool reset) => _io?.Close(reset);
    }
}
