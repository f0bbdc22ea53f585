using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// An AMQP 1.0 connection of the router (transport.xml 2.4), after protocol-header, TLS and SASL negotiation.
/// <para>
/// Threads: one receive loop reads frames from <see cref="ITransport.Input"/> and handles a whole read batch under
/// <see cref="_sync"/>; one send loop renders pending frames under <see cref="_sync"/> into an
/// <see cref="OutputBatch"/> and sends it outside the lock. Other connections reach this one only through
/// <see cref="RouterLink"/> members, which take <see cref="_sync"/> themselves; work for other connections is queued on
/// the thread's <see cref="ActionList"/> and run after <see cref="_sync"/> is released.
/// </para>
/// </summary>
internal sealed partial class AmqpConnection : RouterConnection
{
    private const int MaxBatchBytes = 256 * 1024;

    private readonly object _sync = new();
    private readonly ITransport _transport;
    private readonly AmqpConnectionSettings _settings;
    private readonly ILogger _log;
    private readonly ILogger _protocolLog;
    private readonly PerformativeReader _frames = new();
    private readonly AsyncSignal _writeSignal = new();
    private readonly Dictionary<ushort, AmqpSession> _sessionsByRemote = [];
    private readonly Dictionary<ushort, AmqpSession> _sessionsByLocal = [];
    private readonly List<AmqpOutgoingLink> _readyLinks = [];
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _isClient;
    private readonly Transfer _transferOut = new();
    private readonly Flow _flowOut = new();
    private readonly Disposition _dispositionOut = new();

    private OutputBatch _pending = new();
    private OutputBatch _sending = new();
    private uint _remoteMaxFrameSize = 512;
    private ushort _remoteChannelMax = ushort.MaxValue;
    private uint _remoteIdleTimeoutMs;
    private bool _openSent;
    private bool _openReceived;
    private bool _closeSent;
    private bool _closeReceived;
    private bool _terminated;
    private long _lastReceivedTimestamp;
    private long _lastSentTimestamp;
    private int _readyCursor;
    private ulong _nextTag;

    public AmqpConnection(RouterCore core, ITransport transport, AmqpConnectionSettings settings, bool isClient, SaslResult? sasl, long identity = 0)
        : base(core, settings.Role, incoming: !isClient, identity)
    {
        _transport = transport;
        _settings = settings;
        _isClient = isClient;
        _log = core.Logs.RouterCore;
        _protocolLog = core.Logs.Protocol;
        Host = isClient ? settings.ConnectorHost ?? transport.RemoteAddress : transport.RemoteAddress;
        if (sasl is not null)
        {
            SaslMechanism = sasl.Mechanism;
            IsAuthenticated = sasl.Authenticated;
            User = sasl.User;
        }

        if (transport.Tls is { } tls)
        {
            IsEncrypted = true;
            SslProtocol = tls.Protocol;
            SslCipher = tls.Cipher;
            SslSsf = tls.StrengthBits;
        }

        _lastReceivedTimestamp = core.Clock.GetTimestamp();
        _lastSentTimestamp = _lastReceivedTimestamp;
    }

    public AmqpConnectionSettings Settings => _settings;

    /// <summary>Completes when the connection has ended and all its state is released.</summary>
    public Task Completion => _completed.Task;

    /// <summary>Raised once the peer's open has arrived (under the connection lock: handlers must not block).</summary>
    public event Action<AmqpConnection>? Opened;

    /// <summary>Raised once, after the connection has ended (the connector uses it to redial).</summary>
    public event Action<AmqpConnection, AmqpError?>? Closed;

    /// <summary>The idle-time-out the peer advertised in its open, in ms (0 = none); read without the lock by the heartbeat timer.</summary>
    public uint RemoteIdleTimeoutMs => Volatile.Read(ref _remoteIdleTimeoutMs);

    /// <summary>The error the peer closed with, or that we closed with.</summary>
    public AmqpError? CloseError { get; private set; }

    /// <summary>Runs the connection until it ends. The client side sends its open first.</summary>
    public async Task RunAsync()
    {
        Core.Connections[Identity] = this;
        Log.ConnectionOpened(_log, Identity, IsIncoming ? "in" : "out", Host);
        try
        {
            if (_isClient)
            {
                lock (_sync)
                {
                    SendOpenLocked();
                }

                _writeSignal.Set();
            }

            var sender = SendLoopAsync();
            await ReceiveLoopAsync().ConfigureAwait(false);
            lock (_sync)
            {
                TerminateLocked();
            }

            ActionList.Current.Run();
            _writeSignal.Set();
            await sender.ConfigureAwait(false);
        }
        finally
        {
            await _transport.CloseAsync().ConfigureAwait(false);
            await _transport.Input.CompleteAsync().ConfigureAwait(false);
            _pending.Dispose();
            _sending.Dispose();
            Core.Connections.TryRemove(Identity, out _);
            Log.ConnectionClosed(_log, Identity, CloseError?.ToString() ?? "closed");
            _completed.TrySetResult();
            Closed?.Invoke(this, CloseError);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var input = _transport.Input;
        try
        {
            while (true)
            {
                ReadResult result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                bool stop = false;
                try
                {
                    lock (_sync)
                    {
                        _lastReceivedTimestamp = Core.Clock.GetTimestamp();
                        while (!_terminated && FrameReader.TryReadFrame(ref buffer, _settings.MaxFrameSize, out var header, out var body))
                        {
                            HandleFrameLocked(header, body);
                        }

                        stop = _terminated || _closeReceived;
                    }
                }
                catch (AmqpDecodeException e)
                {
                    Log.ProtocolError(Core.Logs.Server, Identity, e.Condition, e.Message);
                    lock (_sync)
                    {
                        CloseLocked(e.Condition, e.Message);
                    }

                    stop = true;
                }
                catch (AmqpProtocolException e)
                {
                    Log.ProtocolError(Core.Logs.Server, Identity, e.Condition, e.Message);
                    lock (_sync)
                    {
                        CloseLocked(e.Condition, e.Message);
                    }

                    stop = true;
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                    ActionList.Current.Run();
                    _writeSignal.Set();
                }

                if (stop)
                {
                    break;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    lock (_sync)
                    {
                        if (!_closeReceived && !_closeSent)
                        {
                            // The peer went away without a close: answer as the C router does, best effort.
                            CloseLocked(AmqpErrors.FramingError, "connection aborted");
                        }
                    }

                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.TransportError(_log, Identity, e.Message);
        }
    }

    /// <summary>Wakes the send loop (lock-free; any thread).</summary>
    public void SignalWriter() => _writeSignal.Set();

    /// <summary>Closes without an error (router shutdown).</summary>
    public void CloseGracefully()
    {
        lock (_sync)
        {
            CloseLocked(null, null);
        }

        _writeSignal.Set();
    }

    public override void ForceClose(string condition, string description)
    {
        lock (_sync)
        {
            CloseLocked(condition, description);
        }

        _writeSignal.Set();
    }

    /// <summary>Sends close (with an error if given) and ends the connection once it has been written.</summary>
    private void CloseLocked(string? condition, string? description)
    {
        IsClosing = true;
        if (!_closeSent && !_terminated)
        {
            var error = condition is null ? null : new AmqpError(condition, description);
            CloseError ??= error;
            if (!_openSent)
            {
                SendOpenLocked();
            }

            WriteFrameLocked(0, new Close { Error = error });
            _closeSent = true;
        }
    }

    /// <summary>Releases every session and link (peers see released/modified/aborted deliveries as the C router does).</summary>
    private void TerminateLocked()
    {
        if (_terminated)
        {
            return;
        }

        _terminated = true;
        IsClosing = true;
        foreach (var session in _sessionsByLocal.Values.ToList())
        {
            EndSessionLocked(session, sendEnd: false);
        }

        _sessionsByLocal.Clear();
        _sessionsByRemote.Clear();
        _readyLinks.Clear();
    }

    private void WriteFrameLocked(ushort channel, DescribedList performative)
    {
        FrameWriter.Write(_pending, FrameHeader.TypeAmqp, channel, performative);
        if (_protocolLog.IsEnabled(LogLevel.Debug))
        {
            Log.FrameSent(_protocolLog, Identity, channel, performative.GetType().Name);
        }
    }

    // ---- heartbeats --------------------------------------------------------------------------------------------

    /// <summary>
    /// Called periodically by the router's heartbeat timer: closes the connection when the peer's open is late
    /// (initial handshake time-out) or after the local idle time-out without input, and writes an empty frame when we
    /// have been silent for half the peer's time-out.
    /// </summary>
    public void CheckIdle()
    {
        bool wake = false;
        lock (_sync)
        {
            if (_terminated || _closeSent)
            {
                return;
            }

            var now = Core.Clock.GetTimestamp();
            if (!_openReceived && _settings.InitialHandshakeTimeoutMs > 0
                && Core.Clock.GetElapsedTime(_settings.AcceptedTimestamp, now).TotalMilliseconds > _settings.InitialHandshakeTimeoutMs)
            {
                // initialHandshakeTimeoutSeconds: the peer's open must arrive within this time of the accept (the
                // C router's startup_timer_handler); TLS, SASL and the protocol header are bounded by the listener.
                Log.HandshakeTimeout(_log, Identity);
                CloseLocked(AmqpErrors.NotAllowed, "Timeout waiting for initial handshake");
                wake = true;
            }
            else if (_settings.IdleTimeoutMs > 0 && _openReceived
                && Core.Clock.GetElapsedTime(_lastReceivedTimestamp, now).TotalMilliseconds > _settings.IdleTimeoutMs)
            {
                Log.IdleTimeout(_log, Identity);
                CloseLocked(AmqpErrors.ResourceLimitExceeded, "local-idle-timeout expired");
                wake = true;
            }
            else if (_remoteIdleTimeoutMs > 0
                && Core.Clock.GetElapsedTime(_lastSentTimestamp, now).TotalMilliseconds >= _remoteIdleTimeoutMs / 2.0)
            {
                _pending.Write(FrameWriter.EmptyFrame);
                wake = true;
            }
        }

        if (wake)
        {
            _writeSignal.Set();
        }
    }
}
