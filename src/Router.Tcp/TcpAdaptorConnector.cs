using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Transport;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;
using Skrouterd.Server;

namespace Skrouterd.Tcp;

/// <summary>
/// A `tcpConnector` (adaptors.md §1.4, §2.2): a permanent consumer link on the service address (shown as the
/// `egress-dispatch` connection), created at configuration time whatever the server's state; every delivery on it is a
/// new flow with its own server connection. Each open flow is an unsettled delivery on this link, which is what the
/// balanced forwarder counts when it spreads flows over connectors.
/// </summary>
internal sealed class TcpAdaptorConnector : IInProcessHandler
{
    private InProcessConnection? _dispatch;
    private IPEndPoint? _endPoint;
    private string? _endPointText;

    public TcpAdaptorConnector(TcpAdaptor adaptor, TcpConnectorOptions options)
    {
        Adaptor = adaptor;
        Options = options;
    }

    public TcpAdaptor Adaptor { get; }

    public TcpConnectorOptions Options { get; }

    /// <summary>`host:port` of the server, one text shared by every flow's connection row.</summary>
    public string HostPort => _hostPort ??= Options.HostPort;

    private string? _hostPort;

    public TcpEndpointCounters Counters { get; } = new();

    public InProcessReceiver Receiver { get; private set; } = null!;

    public void Start()
    {
        var core = Adaptor.Core;
        _dispatch = new InProcessConnection(core, "tcp", "TcpAdaptor", "egress-dispatch", incoming: false, register: true);
        Interlocked.Increment(ref Counters.ConnectionsOpened); // tcp_adaptor.c counts the dispatcher as a connection
        Receiver = new InProcessReceiver(_dispatch, "tcp.egress.out", this) { Capacity = 250 };
        var address = core.GetOrCreate(core.KeyFor(Options.Address));
        var actions = ActionList.Current;
        core.BindConsumer(Receiver, address, actions);
        actions.Run();
    }

    /// <summary>Stops taking new flows at once (the consumer link goes away); live flows continue unless dropped.</summary>
    public void Stop()
    {
        Receiver.Detach();
        _dispatch?.Unregister();
        Interlocked.Increment(ref Counters.ConnectionsClosed);
    }

    public void OnDelivery(InProcessReceiver link, Delivery delivery)
    {
        var flow = new EgressFlow(this, delivery);
        Adaptor.Track(flow);
        _ = flow.RunAsync(); // runs until its first wait (the server connection), then continues asynchronously
    }

    public void OnContent(InProcessReceiver link, Delivery delivery) => (delivery.Context as TcpFlow)?.OnContent(link, delivery);

    public void OnUpdate(RouterLink link, Delivery delivery, DeliveryState state, bool settled)
    {
        // The producer settled (or aborted) its stream: the flow sees the end in the message itself.
        (delivery.Context as TcpFlow)?.WakeWriter(inline: false);
    }

    public void OnCredit(InProcessSender link, int credit, bool drain)
    {
    }

    /// <summary>Opens a connection to the server; TLS (SNI = host) with the single ALPN protocol the client chose.</summary>
    public async Task<FlowIo> ConnectAsync(string? alpn, CancellationToken ct)
    {
        // An IP-literal host (the common case) is parsed once; a name is resolved on every connect, as it may move.
        var endPoint = _endPoint ??= IPAddress.TryParse(Options.Host.Trim('[', ']'), out var ip)
            ? new IPEndPoint(ip, PortNames.Resolve(Options.Port))
            : null;
        var socket = endPoint is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint is null)
            {
                await socket.ConnectAsync(Options.Host, PortNames.Resolve(Options.Port), ct).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        // Every flow to an IP-literal host shares one text of the server's address.
        string? remote = endPoint is null ? null : _endPointText ??= SocketTransport.FormatEndPoint(endPoint);
        var io = new SocketFlowIo(socket, direct: Options.SslProfile is null, remote);
        if (Options.SslProfile is null)
        {
            return io;
        }

        var profile = Adaptor.Profiles(Options.SslProfile) ?? throw new InvalidOperationException($"sslProfile {Options.SslProfile} not found");
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: true);
        var certificate = profile.LoadCertificate();
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = Options.Host,
            ClientCertificates = certificate is null ? null : [certificate],
            ApplicationProtocols = alpn is null ? null : [new SslApplicationProtocol(alpn)],
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, cert, _, errors) => profile.ValidatePeer(cert, errors, Options.VerifyHostname, out _),
        };
        CipherSuitesPolicyFactory.Apply(profile, options);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, ct).ConfigureAwait(false);
        }
        catch
        {
            ssl.Dispose();
            io.Close(reset: false);
            throw;
        }

        return new TlsFlowIo(ssl, io);
    }
}
