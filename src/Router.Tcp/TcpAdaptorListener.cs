using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Skrouterd.Routing;
using Skrouterd.Server;

namespace Skrouterd.Tcp;

/// <summary>
/// A `tcpListener` (adaptors.md §1.3): its socket is open only while the service address has a consumer somewhere,
/// so a client of an unreachable service gets connection refused. Each accepted client becomes an
/// <see cref="IngressFlow"/> on the thread pool. Deleting the listener closes the socket; with the router's
/// `dropTcpConnections` its live flows are closed too.
/// </summary>
internal sealed class TcpAdaptorListener
{
    private readonly object _sync = new();
    private readonly Action<Address, bool> _reachability;
    private Address? _watched;
    private List<Socket> _sockets = [];
    private CancellationTokenSource? _accepting;
    private bool _deleted;

    public TcpAdaptorListener(TcpAdaptor adaptor, TcpListenerOptions options)
    {
        Adaptor = adaptor;
        Options = options;
        _reachability = (_, _) => ThreadPool.QueueUserWorkItem(static s => s.Refresh(), this, preferLocal: false);
    }

    public TcpAdaptor Adaptor { get; }

    public TcpListenerOptions Options { get; }

    public TcpEndpointCounters Counters { get; } = new();

    /// <summary>`up` while the listening socket is open.</summary>
    public string OperStatus
    {
        get
        {
            lock (_sync)
            {
                return _sockets.Count > 0 ? "up" : "down";
            }
        }
    }

    /// <summary>The port bound, once listening (useful with port 0).</summary>
    public int BoundPort
    {
        get
        {
            lock (_sync)
            {
                return _sockets.Count > 0 ? ((IPEndPoint)_sockets[0].LocalEndPoint!).Port : 0;
            }
        }
    }

    public void Start()
    {
        _watched = Adaptor.Core.Watch(Options.Address, _reachability, out _);
        Refresh();
    }

    public void Stop()
    {
        lock (_sync)
        {
            _deleted = true;
        }

        if (_watched is not null)
        {
            Adaptor.Core.Unwatch(_watched, _reachability);
        }

        Refresh();
    }

    /// <summary>Opens or closes the listening socket to match the address's reachability.</summary>
    private void Refresh()
    {
        lock (_sync)
        {
            bool want = !_deleted && _watched is { HasConsumers: true };
            if (want && _sockets.Count == 0)
            {
                try
                {
                    _sockets = Bind();
                }
                catch (Exception e) when (e is SocketException or ArgumentException)
                {
                    Adaptor.Log.ListenFailed(Options.Name, Options.HostPort, e.Message);
                    return;
                }

                _accepting = new CancellationTokenSource();
                foreach (var s in _sockets)
                {
                    _ = AcceptLoopAsync(s, _accepting.Token);
                }

                Adaptor.Log.Listening(Options.Name, $"{Options.Host}:{BoundPortLocked()}", Options.Backlog > 0 ? Options.Backlog : 4096);
            }
            else if (!want && _sockets.Count > 0)
            {
                _accepting?.Cancel();
                foreach (var s in _sockets)
                {
                    s.Dispose();
                }

                _sockets = [];
                Adaptor.Log.StoppedListening(Options.Name, Options.HostPort);
            }
        }
    }

    private int BoundPortLocked() => _sockets.Count > 0 ? ((IPEndPoint)_sockets[0].LocalEndPoint!).Port : 0;

    private List<Socket> Bind()
    {
        int port = PortNames.Resolve(Options.Port);
        var addresses = Options.Host.Length == 0
            ? [Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any]
            : IPAddress.TryParse(Options.Host.Trim('[', ']'), out var ip) ? [ip] : Dns.GetHostAddresses(Options.Host).Distinct().ToList();
        var sockets = new List<Socket>();
        try
        {
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = Options.Host.Length == 0;
                }

                socket.Bind(new IPEndPoint(address, port));
                socket.Listen(Options.Backlog > 0 ? Options.Backlog : 4096);
                if (port == 0)
                {
                    port = ((IPEndPoint)socket.LocalEndPoint!).Port;
                }
            }
        }
        catch
        {
            foreach (var s in sockets)
            {
                s.Dispose();
            }

            throw;
        }

        return sockets;
    }

    private async Task AcceptLoopAsync(Socket listenSocket, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (ct.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            // A plain flow is set up right here (nothing in it waits) and its loops run on; a TLS flow runs here
            // until its handshake waits. No thread-pool hop per accepted connection.
            if (Options.SslProfile is null)
            {
                StartPlainFlow(socket);
            }
            else
            {
                _ = RunTlsFlowAsync(socket);
            }
        }
    }

    private void StartPlainFlow(Socket socket)
    {
        SocketFlowIo io;
        try
        {
            io = new SocketFlowIo(socket, direct: true);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            socket.Dispose(); // gone before we could look at it
            return;
        }

        StartFlow(io);
    }

    private void StartFlow(FlowIo io)
    {
        var flow = new IngressFlow(this, io);
        Adaptor.Track(flow);
        flow.Start();
    }

    private async Task RunTlsFlowAsync(Socket socket)
    {
        SocketFlowIo plain;
        try
        {
            plain = new SocketFlowIo(socket, direct: false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            return;
        }

        FlowIo io;
        try
        {
            io = await AuthenticateAsync(plain).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            Adaptor.Log.TlsFailed($"[{plain.RemoteAddress}]", e.InnerException?.Message ?? e.Message);
            plain.Close(reset: false);
            return;
        }

        StartFlow(io);
    }

    /// <summary>TLS server towards the client; ALPN offers http/1.1 and h2 (adaptors.md §2.9).</summary>
    private async Task<FlowIo> AuthenticateAsync(SocketFlowIo io)
    {
        var profile = Adaptor.Profiles(Options.SslProfile!) ?? throw new InvalidOperationException($"sslProfile {Options.SslProfile} not found");
        var ssl = new SslStream(new NetworkStream(io.Socket, ownsSocket: false), leaveInnerStreamOpen: true);
        string? failure = null;
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(profile.LoadCertificate()!, profile.LoadChain(), offline: true),
            ClientCertificateRequired = Options.AuthenticatePeer,
            ApplicationProtocols = [SslApplicationProtocol.Http11, SslApplicationProtocol.Http2],
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            {
                if (cert is null)
                {
                    failure = "peer did not return a certificate";
                    return !Options.AuthenticatePeer;
                }

                return profile.ValidatePeer(cert, errors & ~SslPolicyErrors.RemoteCertificateNameMismatch, checkName: false, out failure);
            },
        };
        CipherSuitesPolicyFactory.Apply(profile, options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await ssl.AuthenticateAsServerAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (failure is not null)
        {
            ssl.Dispose();
            throw new AuthenticationException(failure, e);
        }

        return new TlsFlowIo(ssl, io);
    }
}
