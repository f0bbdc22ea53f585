using System.Buffers;
using System.Net.Sockets;
using Skrouterd.Amqp.Framing;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Client;

/// <summary>
/// A synchronous-style AMQP 1.0 client connection modelled on proton-python's <c>BlockingConnection</c>: every step
/// writes its frames and then waits, processing incoming frames, until a condition holds or the timeout passes
/// (<c>Timeout: Connection &lt;url&gt; timed out: &lt;what&gt;</c>). A peer close, link detach or lost transport
/// surfaces as the exception proton would raise. One session on channel 0 carries all links.
/// </summary>
internal sealed partial class BlockingConnection : IAsyncDisposable
{
    private readonly ConnectionSettings _settings;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly FrameReceiveLoop _receiver = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly PerformativeReader _performatives = new();
    private readonly Dictionary<uint, ClientLink> _links = [];
    private readonly Dictionary<uint, ClientLink> _linksByRemoteHandle = [];
    private readonly Dictionary<uint, OutgoingDelivery> _unsettled = [];
    private Task _receiveTask = Task.CompletedTask;
    private Open? _remoteOpen;
    private bool _sessionBegun;
    private bool _remoteClosed;
    private bool _closing;
    private bool _localClosed;
    private bool _disposed;
    private string? _disconnected;
    private uint _nextHandle;
    private uint _nextOutgoingId;
    private uint _nextIncomingId;
    private long _lastWriteTicks;
    private int _correlationCounter;

    private BlockingConnection(ConnectionSettings settings, Socket socket, Stream stream)
    {
        _settings = settings;
        _socket = socket;
        _stream = stream;
        _lastWriteTicks = settings.Time.GetTimestamp();
    }

    /// <summary>The URL as the tools print it in errors (<c>amqp://0.0.0.0:amqp</c>).</summary>
    public string Url => _settings.Url.ToString();

    public string ContainerId => _settings.ContainerId;

    /// <summary>Largest frame we may send: the peer's max-frame-size (4294967295 when absent).</summary>
    private uint RemoteMaxFrameSize => _remoteOpen?.MaxFrameSize ?? uint.MaxValue;

    /// <summary>Correlation ids are "1", "2", ... for the whole process, as proton's class-level counter.</summary>
    public string NextCorrelationId() => (++_correlationCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Opens the TCP (and TLS, SASL) connection and exchanges open frames.</summary>
    public static async Task<BlockingConnection> ConnectAsync(ConnectionSettings settings)
    {
        var deadline = Deadline.After(settings.Time, settings.Timeout);
        string url = settings.Url.ToString();
        var (socket, stream) = await OpenTransportAsync(settings, deadline, url).ConfigureAwait(false);
        var connection = new BlockingConnection(settings, socket, stream);
        try
        {
            connection._receiveTask = connection._receiver.Run(stream, connection._stop.Token);
            await connection.HandshakeAsync(deadline).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task HandshakeAsync(Deadline deadline)
    {
        if (_settings.Sasl is not null || _settings.Tls is not null)
        {
            await SaslAsync(deadline).ConfigureAwait(false);
        }

        _output.Write(ProtocolHeader.Amqp);
        _expectAmqpHeader = true;
        Write(new ProtonOpen(_settings.ContainerId, _settings.Url.Host));
        await WaitAsync(() => _remoteOpen is not null || _remoteClosed, "Opening connection", deadline).ConfigureAwait(false);
    }

    /// <summary>Sends close and waits for the peer's close (proton's <c>BlockingConnection.close</c>).</summary>
    public async Task CloseAsync()
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        try
        {
            if (_disconnected is null && !_localClosed)
            {
                _localClosed = true;
                Write(new Close());
                await WaitAsync(() => _remoteClosed, "Closing connection").ConfigureAwait(false);
            }
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _closing = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiveTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private PyException Disconnected(string condition) =>
        PyErrors.ConnectionException($"Connection {Url} disconnected: {condition}");
}
