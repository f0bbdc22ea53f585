using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using Skrouterd.Routing;

namespace Skrouterd.Server.Http;

/// <summary>
/// A `listener` with `http: true` (management-and-deployment.md §4): a small HTTP/1.1 server for the health probe
/// (`/healthz`), Prometheus (`/metrics`) and static files from `httpRootDir`. Kubernetes probes Skupper's site router
/// on port 9090 with `GET /healthz`. TLS through the listener's sslProfile (with `requireSsl: false` plain HTTP is
/// accepted on the same port); AMQP over WebSocket is not served (answered 501).
/// </summary>
internal sealed class HttpEndpoint
{
    /// <summary>The C router's static files (an index.html linking to skupper.io).</summary>
    public const string DefaultRootDir = "/usr/share/skupper-router/html";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);
    private const int MaxBody = 64 * 1024;

    private readonly RouterCore _core;
    private readonly Func<string, SslProfile?> _profiles;
    private readonly Func<int> _remoteRouters;
    private readonly CancellationToken _serverStopping;
    private readonly ILogger _log;
    private ListeningSockets? _listening;

    public HttpEndpoint(RouterCore core, ListenerOptions options, Func<string, SslProfile?> profiles, Func<int> remoteRouters,
        CancellationToken serverStopping)
    {
        _core = core;
        Options = options;
        _profiles = profiles;
        _remoteRouters = remoteRouters;
        _serverStopping = serverStopping;
        _log = core.Logs.Factory.CreateLogger(Logging.LogModules.Http);
    }

    public ListenerOptions Options { get; }

    /// <summary>The ports actually bound (useful when `port` is 0).</summary>
    public IReadOnlyList<int> BoundPorts => _listening?.BoundPorts ?? [];

    /// <summary>Binds and starts accepting; throws <see cref="SocketException"/> when the address cannot be bound.</summary>
    public void Start()
    {
        _listening = ListeningSockets.Bind(Options.Host, Options.Port);
        if (Options.Port == "0")
        {
            HttpLog.ListeningEphemeral(_log, $"{Options.Host}:{BoundPorts.FirstOrDefault()}", Options.Name);
        }
        else
        {
            HttpLog.Listening(_log, Options.HostPort);
        }

        _listening.Start(ServeAsync);
    }

    public void Stop()
    {
        _listening?.Stop();
        HttpLog.StoppedListening(_log, Options.HostPort);
    }

    /// <summary>Serves one connection: requests one after the other (keep-alive) until either side closes.</summary>
    private async Task ServeAsync(Socket socket)
    {
        socket.NoDelay = true;
        string remote = Amqp.Transport.SocketTransport.FormatEndPoint(socket.RemoteEndPoint);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(_listening!.Stopping, _serverStopping);
        Stream? stream = null;
        try
        {
            stream = await OpenStreamAsync(socket, stopping.Token).ConfigureAwait(false);
            if (stream is null)
            {
                return;
            }

            var buffer = new byte[4096];
            int filled = 0;
            bool first = true;
            while (true)
            {
                // Read until a whole head is there (a request may arrive in pieces, or several in one read).
                HttpRequestHead? head;
                int headLength;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token))
                {
                    timeout.CancelAfter(first || filled > 0 ? RequestTimeout : IdleTimeout);
                    while (true)
                    {
                        var result = HttpRequestHead.TryParse(buffer.AsSpan(0, filled), out head, out headLength);
                        if (result == HttpRequestHead.ParseResult.Complete)
                        {
                            break;
                        }

                        if (result != HttpRequestHead.ParseResult.Incomplete)
                        {
                            HttpLog.BadRequest(_log, remote, result == HttpRequestHead.ParseResult.TooLarge ? "request head too large" : "malformed request");
                            await RespondAsync(stream, 400, "Bad Request", "text/plain", "Bad Request\n"u8.ToArray(), head: false, keepAlive: false, stopping.Token).ConfigureAwait(false);
                            return;
                        }

                        if (filled == buffer.Length)
                        {
                            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, HttpRequestHead.MaxLength + 4));
                        }

                        int n = await stream.ReadAsync(buffer.AsMemory(filled), timeout.Token).ConfigureAwait(false);
                        if (n == 0)
                        {
                            return;
                        }

                        filled += n;
                    }
                }

                first = false;
                Consume(ref buffer, ref filled, headLength);
                var request = head!;
                if (request.Chunked || request.ContentLength > MaxBody)
                {
                    await RespondAsync(stream, request.Chunked ? 501 : 413, request.Chunked ? "Not Implemented" : "Content Too Large", "text/plain", [], head: false, keepAlive: false, stopping.Token).ConfigureAwait(false);
                    return;
                }

                // A body (none is expected) is read and dropped.
                long body = request.ContentLength;
                while (body > 0)
                {
                    if (filled == 0)
                    {
                        filled = await stream.ReadAsync(buffer, stopping.Token).ConfigureAwait(false);
                        if (filled == 0)
                        {
                            return;
                        }
                    }

                    int take = (int)Math.Min(body, filled);
                    Consume(ref buffer, ref filled, take);
                    body -= take;
                }

                if (!await AnswerAsync(stream, request, stopping.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or AuthenticationException)
        {
            if (e is AuthenticationException)
            {
                HttpLog.TlsFailed(_log, remote, e.Message);
            }
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
        }
    }

    private static void Consume(ref byte[] buffer, ref int filled, int count)
    {
        Buffer.BlockCopy(buffer, count, buffer, 0, filled - count);
        filled -= count;
    }

    /// <summary>The connection's stream: TLS when the listener has an sslProfile and the client starts a handshake.</summary>
    private async Task<Stream?> OpenStreamAsync(Socket socket, CancellationToken ct)
    {
        var network = new NetworkStream(socket, ownsSocket: false);
        if (Options.SslProfile is null)
        {
            return network;
        }

        var profile = _profiles(Options.SslProfile) ?? throw new AuthenticationException($"sslProfile {Options.SslProfile} not found");
        var peek = new byte[1];
        int n = await socket.ReceiveAsync(peek, SocketFlags.Peek, ct).ConfigureAwait(false);
        if (n == 0)
        {
            return null;
        }

        if (peek[0] != 0x16)
        {
            if (Options.RequireSsl)
            {
                throw new AuthenticationException("plain connection refused: the listener requires TLS");
            }

            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        var failure = new StrongBox<string?>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(RequestTimeout);
            await ssl.AuthenticateAsServerAsync(IncomingNegotiator.ServerTlsOptions(profile, Options.AuthenticatePeer, failure), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new AuthenticationException(failure.Value ?? e.Message, e);
        }

        return ssl;
    }

    /// <summary>Answers one request; false when the connection must close after it.</summary>
    private async Task<bool> AnswerAsync(Stream stream, HttpRequestHead request, CancellationToken ct)
    {
        bool head = request.Method == "HEAD";
        bool keepAlive = request.KeepAlive;
        if (request.WebSocketUpgrade)
        {
            await RespondAsync(stream, 501, "Not Implemented", "text/plain", "AMQP over WebSocket is not supported by this router\n"u8.ToArray(), head, keepAlive: false, ct).ConfigureAwait(false);
            return false;
        }

        if (request.Method != "GET" && !head)
        {
            await RespondAsync(stream, 405, "Method Not Allowed", "text/plain", [], head: false, keepAlive, ct, extraHeaders: "allow: GET, HEAD\r\n").ConfigureAwait(false);
            return keepAlive;
        }

        string path = request.Path;
        if (path == "/healthz" && Options.Healthz)
        {
            await RespondAsync(stream, 200, "OK", "text/plain", "OK\n"u8.ToArray(), head, keepAlive, ct).ConfigureAwait(false);
            return keepAlive;
        }

        if (path == "/metrics" && Options.Metrics)
        {
            // As the C router: the metrics response ends the connection.
            var body = Encoding.ASCII.GetBytes(PrometheusMetrics.Render(_core, _remoteRouters()));
            await RespondAsync(stream, 200, "OK", "text/plain", body, head, keepAlive: false, ct).ConfigureAwait(false);
            return false;
        }

        var file = StaticFile(path);
        if (file is null)
        {
            await RespondAsync(stream, 404, "Not Found", "text/plain", "Not Found\n"u8.ToArray(), head, keepAlive, ct).ConfigureAwait(false);
            return keepAlive;
        }

        var content = await File.ReadAllBytesAsync(file.Value.Path, ct).ConfigureAwait(false);
        await RespondAsync(stream, 200, "OK", file.Value.ContentType, content, head, keepAlive, ct).ConfigureAwait(false);
        return keepAlive;
    }

    /// <summary>The file under the root directory a path names (index.html for a directory); null if there is none.</summary>
    private (string Path, string ContentType)? StaticFile(string path)
    {
        string root = Options.HttpRootDir ?? DefaultRootDir;
        if (!Directory.Exists(root))
        {
            return null;
        }

        string relative = Uri.UnescapeDataString(path).TrimStart('/');
        if (relative.Split('/').Any(segment => segment == "..") || relative.Contains('\0'))
        {
            return null;
        }

        string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relative));
        string rootFull = System.IO.Path.GetFullPath(root);
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
        {
            return null;
        }

        if (Directory.Exists(full))
        {
            full = System.IO.Path.Combine(full, "index.html");
        }

        if (!File.Exists(full))
        {
            return null;
        }

        string type = System.IO.Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".html" or ".htm" => "text/html",
            ".json" => "application/json",
            ".js" => "application/javascript",
            ".css" => "text/css",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".txt" => "text/plain",
            _ => "application/octet-stream",
        };
        return (full, type);
    }

    private static async Task RespondAsync(Stream stream, int status, string reason, string contentType, byte[] body, bool head, bool keepAlive,
        CancellationToken ct, string extraHeaders = "")
    {
        var header = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\ncontent-type: {contentType}\r\ncontent-length: {body.Length}\r\n{extraHeaders}" +
            (keepAlive ? "" : "connection: close\r\n") + "\r\n");
        await stream.WriteAsync(header, ct).ConfigureAwait(false);
        if (!head && body.Length > 0)
        {
            await stream.WriteAsync(body, ct).ConfigureAwait(false);
        }

        await stream.FlushAsync(ct).ConfigureAwait(false);
    }
}
