using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Transport;
using Skrouterd.Routing;

namespace Skrouterd.Server;

/// <summary>
/// A `listener`: binds its sockets (host "" = every address, a name = each address it resolves to), accepts
/// connections and runs each one: set-up (<see cref="IncomingNegotiator"/>), then an <see cref="AmqpConnection"/>.
/// Each accepted connection is started on the thread pool so a slow handshake never stalls the accept loop.
/// Stopping the listener closes its sockets; connections already accepted carry on.
/// </summary>
internal sealed partial class AmqpListener
{
    private readonly RouterServer _server;
    private ListeningSockets? _listening;
    private readonly ILogger _log;

    public AmqpListener(RouterServer server, ListenerOptions options)
    {
        _server = server;
        Options = options;
        _log = server.Core.Logs.Server;
    }

    public ListenerOptions Options { get; }

    /// <summary>The ports actually bound (useful when `port` is 0).</summary>
    public IReadOnlyList<int> BoundPorts => _listening?.BoundPorts ?? [];

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the address cannot be bound.</summary>
    public void Start()
    {
        _listening = ListeningSockets.Bind(Options.Host, Options.Port);
        int bound = BoundPorts.FirstOrDefault();
        if (Options.Port == "0")
        {
            Log.ListeningEphemeral(_log, $"{Options.Host}:{bound}", Options.Name);
        }
        else
        {
            Log.Listening(_log, Options.HostPort);
        }

        _listening.Start(RunConnectionAsync);
    }

    public void Stop() => _listening?.Stop();

    private async Task RunConnectionAsync(Socket socket)
    {
        _server.CountAccepted();
        try
        {
            await RunAcceptedAsync(socket).ConfigureAwait(false);
        }
        finally
        {
            _server.CountClosed();
        }
    }

    private async Task RunAcceptedAsync(Socket socket)
    {
        var core = _server.Core;
        long accepted = core.Clock.GetTimestamp();
        long id = core.NextConnectionIdentity();
        string remote = SocketTransport.FormatEndPoint(socket.RemoteEndPoint);
        string local = SocketTransport.FormatEndPoint(socket.LocalEndPoint);
        Log.Accepted(_log, id, local, remote);
        var negotiator = new IncomingNegotiator(Options, _server.FindSslProfile, _server.Users, core.Id);
        (ITransport Transport, SaslResult Sasl)? result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_server.Stopping);
            timeout.CancelAfter(TimeSpan.FromSeconds(Options.InitialHandshakeTimeoutSeconds > 0 ? Options.InitialHandshakeTimeoutSeconds : 60));
            result = await negotiator.NegotiateAsync(socket, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or OperationCanceledException
            or Amqp.Codec.AmqpDecodeException or System.Security.Cryptography.CryptographicException or ObjectDisposedException)
        {
            if (e is OperationCanceledException && !_server.Stopping.IsCancellationRequested)
            {
                Log.ConnectionFailed(_log, id, remote, local, "amqp:not-allowed", "Timeout waiting for initial handshake");
            }
            else
            {
                Log.ConnectionFailed(_log, id, remote, local, e is AuthenticationException ? "amqp:unauthorized-access" : "amqp:connection:framing-error", e.Message);
            }

            socket.Dispose();
            return;
        }

        if (result is not { } r)
        {
            return;
        }

        var settings = new AmqpConnectionSettings
        {
            MaxFrameSize = Math.Max(512u, Options.MaxFrameSize),
            ChannelMax = (ushort)(Math.Clamp(Options.MaxSessions is <= 0 or > 32768 ? 32768 : Options.MaxSessions, 1, 65536) - 1),
            IdleTimeoutMs = (uint)Math.Max(0, Options.IdleTimeoutSeconds) * 1000,
            InitialHandshakeTimeoutMs = (uint)Math.Max(0, Options.InitialHandshakeTimeoutSeconds) * 1000,
            AcceptedTimestamp = accepted,
            LinkCapacity = Options.LinkCapacity,
            MaxSessionFrames = Options.MaxSessionFrames,
            Role = Options.Role,
            Cost = Options.Cost,
            OpenProperties = Options.OpenProperties,
        };
        var connection = new AmqpConnection(core, r.Transport, settings, isClient: false, r.Sasl, id);
        _server.Track(connection);
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.Unexpected(_log, id, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, EventName = "Listening", Level = LogLevel.Information, Message = "Listening on {HostPort}")]
        public static partial void Listening(ILogger logger, string hostPort);

        [LoggerMessage(EventId = 201, EventName = "ListeningEphemeral", Level = LogLevel.Information, Message = "Listening on {HostPort} ({Name})")]
        public static partial void ListeningEphemeral(ILogger logger, string hostPort, string name);

        [LoggerMessage(EventId = 202, EventName = "Accepted", Level = LogLevel.Information, Message = "[C{ConnectionId}] Accepted connection to {Local} from {Remote}")]
        public static partial void Accepted(ILogger logger, long connectionId, string local, string remote);

        [LoggerMessage(EventId = 203, EventName = "ConnectionFailed", Level = LogLevel.Error, Message = "[C{ConnectionId}] Connection from {Remote} (to {Local}) failed: {Condition} {Description}")]
        public static partial void ConnectionFailed(ILogger logger, long connectionId, string remote, string local, string condition, string description);

        [LoggerMessage(EventId = 204, EventName = "UnexpectedConnectionError", Level = LogLevel.Error, Message = "[C{ConnectionId}] Unexpected error")]
        public static partial void Unexpected(ILogger logger, long connectionId, Exception exception);
    }
}
