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

    /// <summary>Cancels the server connection in progress, if any.</summary>
    private CancellationTokenSource? _connecting;

    public EgressFlow(TcpAdaptorConnector connector, Delivery delivery)
        : base(connector.Adaptor, new PendingFlowIo(), connector.Options.Address, connector.Counters)
    {
        _connector = connector;
        Receiver = connector.Receiver;
        SetInDelivery(delivery);
    }

    public override bool IsIngress => false;

    /// <summary>Sets the flow up (reads the head, connects to the server) and starts its loops, or cleans it up.</summary>
    public async Task RunAsync()
    {
        bool started = false;
        try
        {
            started = await StartAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.FlowFailed(ConnectionIdText, e);
        }

        StartLoopsOrCleanup(started);
    }

    /// <summary>
    /// Reads the request's head, connects to the server and sends the reply stream's head; false when the flow
    /// cannot go on. A method of its own so the head is not kept for the flow's lifetime.
    /// </summary>
    private async Task<bool> StartAsync()
    {
        var head = await ReadIncomingHeadAsync().ConfigureAwait(false);
        if (head is null)
        {
            return false;
        }

        GlobalId = head.Subject ?? "";
        var core = Adaptor.Core;
        var connection = new InProcessConnection(core, "tcp", "TcpAdaptor", _connector.HostPort, incoming: false, register: true,
            owner: this);
        Connection = connection;
        FlowIo io;
        var connecting = new CancellationTokenSource(); // no timer: nothing to dispose
        Volatile.Write(ref _connecting, connecting);
        if (IsFinished)
        {
            connecting.Cancel();
        }

        try
        {
            io = await _connector.ConnectAsync(head.Alpn, connecting.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException or InvalidOperationException)
        {
            Log.ConnectFailed(ConnectionIdText, _connector.Options.HostPort, e.Message);
            ReleaseIncoming();
            return false;
        }
        finally
        {
            Volatile.Write(ref _connecting, null);
        }

        if (!((PendingFlowIo)Io).Attach(io))
        {
            return false; // aborted while connecting: the connection is closed
        }

        Interlocked.Increment(ref Counters.ConnectionsOpened);
        CountedOpen = true;

        var replyTo = head.ReplyTo;
        var replyAddress = replyTo is null ? null : core.FindByAddress(replyTo);
        Sender = new InProcessSender(connection, "tcp.egress.in", this);
        core.BindProducer(Sender, replyAddress);
        var message = Message.Rent(null);
        new StreamHead(replyTo ?? "", head.Subject, null, FlowId, head.Alpn is null ? null : io.ApplicationProtocol, null).AppendTo(message);
        var delivery = Sender.Send(message, replyAddress, presettled: false, out int fanout);
        if (delivery is null || fanout == 0)
        {
            return false; // the client side is gone
        }

        // The delivery keeps the message alive; we hold the delivery until Cleanup, after both loops have exited.
        OutDelivery = delivery;
        OutMessage = message;
        return true;
    }

    protected override void OnFinishing() => Volatile.Read(ref _connecting)?.Cancel();

    /// <summary>No server connection: give the stream back (released), as the C router does.</summary>
    private void ReleaseIncoming()
    {
        if (Receiver is { } r && TakeInDelivery() is { } d)
        {
            r.Settle(d, DeliveryState.Released);
        }
    }

    public override void OnDelivery(InProcessReceiver link, Delivery delivery) =>
        link.Settle(delivery, DeliveryState.Released);

    protected override bool AcceptIncomingHead(StreamHead head)
    {
        if (head.ContentType is not null)
        {
            Log.WrongEncapsulation(ConnectionIdText, "tcpConnector");
            ReleaseIncoming();
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
        private bool _closed;

        /// <summary>Attaches the server connection; false (and the connection is closed) if the flow already ended.</summary>
        public bool Attach(FlowIo io)
        {
            lock (this) // a private class: nobody else locks it
            {
                if (!_closed)
                {
                    _io = io;
                    return true;
                }
            }

            io.Close(reset: true);
            return false;
        }

        private FlowIo Io => _io ?? throw new InvalidOperationException("not connected");

        public override string RemoteAddress => _io?.RemoteAddress ?? "";

        public override string? ApplicationProtocol => _io?.ApplicationProtocol;

        public override bool CloseIsHalfClose => _io?.CloseIsHalfClose ?? false;

        public override ValueTask<int> WaitReadableAsync(CancellationToken ct) => Io.WaitReadableAsync(ct);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct) => Io.ReadAsync(buffer, ct);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct) => Io.WriteAsync(buffer, ct);

        public override ValueTask ShutdownWriteAsync() => _io?.ShutdownWriteAsync() ?? ValueTask.CompletedTask;

        public override void Close(bool reset)
        {
            FlowIo? io;
            lock (this) // a private class: nobody else locks it
            {
                _closed = true;
                io = _io;
            }

            io?.Close(reset);
        }
    }
}
