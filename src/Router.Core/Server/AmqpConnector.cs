using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Transport;

namespace Skrouterd.Server;

/// <summary>
/// A `connector`: keeps one outgoing connection open, redialling after a failure (5 s) or after an established
/// connection closes (2 s), as the C router's connector does. Reports `connectionStatus` and `connectionMsg`.
/// </summary>
internal sealed partial class AmqpConnector
{
    private static readonly TimeSpan s_retryAfterFailure = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_retryAfterClose = TimeSpan.FromSeconds(2);

    private readonly RouterServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _log;
    private AmqpConnection? _connection;
    private string? _lastFailure;

    public AmqpConnector(RouterServer server, ConnectorOptions options)
    {
        _server = server;
        Options = options;
        _log = server.Core.Logs.Server;
    }

    public ConnectorOptions Options { get; }

    /// <summary>`INITIALIZING`, `CONNECTING`, `SUCCESS`, `FAILED`, `CLOSING` (management `connectionStatus`).</summary>
    public string ConnectionStatus { get; private set; } = "INITIALIZING";

    public string? ConnectionMessage { get; private set; }

    public AmqpConnection? Connection => _connection;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>Stops redialling and closes the current connection (management DELETE).</summary>
    public void Stop()
    {
        ConnectionStatus = "CLOSING";
        _stop.Cancel();
        _connection?.ForceClose(Amqp.Codec.AmqpErrors.ConnectionForced, "connector deleted");
    }

    private async Task RunAsync()
    {
        var core = _server.Core;
        var delay = TimeSpan.Zero;
        while (!_stop.IsCancellationRequested)
        {
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, core.Clock, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            ConnectionStatus = "CONNECTING";
            long id = core.NextConnectionIdentity();
            (ITransport Transport, SaslResult Sasl) r;
            try
            {
                var profile = Options.SslProfile is null ? null : _server.FindSslProfile(Options.SslProfile)
                    ?? throw new AmqpConnectFailure("amqp:connection:framing-error", $"sslProfile {Options.SslProfile} not found");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                r = await OutgoingNegotiator.ConnectAsync(Options, profile, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or AuthenticationException or AmqpConnectFailure
                or OperationCanceledException or Amqp.Codec.AmqpDecodeException or System.Security.Cryptography.CryptographicException
                or ArgumentException or InvalidOperationException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                string condition = e is AmqpConnectFailure f ? f.Condition : "proton:io";
                string description = e is SocketException se ? $"{se.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "Connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "Name or service not known",
                    SocketError.TimedOut => "Connection timed out",
                    _ => se.Message,
                }} - disconnected {Options.HostPort}" : e.Message;
                string message = $"Connection to {Options.HostPort} failed: {condition} {description}";
                ConnectionStatus = "FAILED";
                ConnectionMessage = message;
                if (message != _lastFailure)
                {
                    Log.ConnectFailed(_log, id, Options.HostPort, condition, description);
                    _lastFailure = message;
                }

                delay = s_retryAfterFailure;
                continue;
            }

            var settings = new AmqpConnectionSettings
            {
                MaxFrameSize = Math.Max(512u, Options.MaxFrameSize),
                ChannelMax = (ushort)(Math.Clamp(Options.MaxSessions is <= 0 or > 32768 ? 32768 : Options.MaxSessions, 1, 65536) - 1),
                IdleTimeoutMs = (uint)Math.Max(0, Options.IdleTimeoutSeconds) * 1000,
                LinkCapacity = Options.LinkCapacity,
                MaxSessionFrames = Options.MaxSessionFrames,
                Role = Options.Role,
                Hostname = Options.Host,
                ConnectorHost = Options.HostPort,
                Cost = Options.Cost,
                OpenProperties = Options.OpenProperties,
            };
            var connection = new AmqpConnection(core, r.Transport, settings, isClient: true, r.Sasl, id);
            connection.Opened += c =>
            {
                ConnectionStatus = "SUCCESS";
                _lastFailure = null;
                string encrypted = c.IsEncrypted ? c.SslProtocol ?? "yes" : "no";
                ConnectionMessage = $"[C{c.Identity}] Connection Opened: dir=out host={Options.HostPort} encrypted={encrypted} auth={c.SaslMechanism ?? "no"} user={c.User ?? "(null)"} container_id={c.Container}";
            };
            _connection = connection;
            _server.Track(connection);
            if (_stop.IsCancellationRequested)
            {
                connection.ForceClose(Amqp.Codec.AmqpErrors.ConnectionForced, "connector deleted");
            }

            await connection.RunAsync().ConfigureAwait(false);
            _connection = null;
            if (!_stop.IsCancellationRequested)
            {
                ConnectionStatus = "CONNECTING";
                if (connection.CloseError is { } error)
                {
                    ConnectionMessage = $"Connection to {Options.HostPort} failed: {error.Condition} {error.Description}";
                }
            }

            delay = s_retryAfterClose;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 210, EventName = "ConnectFailed", Level = LogLevel.Error, Message = "[C{ConnectionId}] Connection to {HostPort} failed: {Condition} {Description}")]
        public static partial void ConnectFailed(ILogger logger, long connectionId, string hostPort, string condition, string description);
    }
}
