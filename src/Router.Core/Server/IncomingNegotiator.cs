using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Transport;

namespace Skrouterd.Server;

/// <summary>
/// Server side of connection set-up (transport.xml 2.2, security.xml 5.1–5.3): detects a TLS ClientHello and runs
/// the TLS handshake with the listener's sslProfile, then the protocol header exchange and, unless the client sends
/// the bare AMQP header on a listener that does not authenticate peers, a SASL exchange (ANONYMOUS, PLAIN, EXTERNAL).
/// </summary>
internal sealed class IncomingNegotiator
{
    private readonly ListenerOptions _listener;
    private readonly Func<string, SslProfile?> _profiles;
    private readonly SaslUserDatabase _users;
    private readonly string _containerId;

    public IncomingNegotiator(ListenerOptions listener, Func<string, SslProfile?> profiles, SaslUserDatabase users, string containerId)
    {
        _listener = listener;
        _profiles = profiles;
        _users = users;
        _containerId = containerId;
    }

    /// <summary>Runs set-up; returns the transport and SASL result, or null if the peer was refused (already closed).</summary>
    public async Task<(ITransport Transport, SaslResult Sasl)?> NegotiateAsync(Socket socket, CancellationToken ct)
    {
        ITransport transport = await SetUpTlsAsync(socket, ct).ConfigureAwait(false) ?? throw new AuthenticationException("client refused");
        var reader = new PerformativeReader();
        var header = await NegotiationIo.ReadHeaderAsync(transport.Input, ct).ConfigureAwait(false);
        int id = header is null ? -1 : ProtocolHeader.Classify(header);
        bool saslRequired = _listener.AuthenticatePeer;
        if (id == ProtocolHeader.IdAmqp && !saslRequired)
        {
            await transport.SendAsync(ProtocolHeader.Amqp.ToArray(), ct).ConfigureAwait(false);
            return (transport, new SaslResult(null, false, null));
        }

        if (id != ProtocolHeader.IdSasl)
        {
            string description = header is null
                ? "connection closed before the protocol header"
                : $"AMQP header mismatch: {NegotiationIo.Describe(header)}";
            if (header is not null)
            {
                await transport.SendAsync(id == ProtocolHeader.IdAmqp ? ProtocolHeader.Sasl.ToArray() : NegotiationIo.HeaderMismatch(_containerId, description), ct).ConfigureAwait(false);
            }

            await transport.CloseAsync().ConfigureAwait(false);
            throw new AuthenticationException(id == ProtocolHeader.IdAmqp ? "client skipped SASL on a listener that authenticates peers" : description);
        }

        var mechanisms = OfferedMechanisms(transport.Tls);
        await transport.SendAsync(NegotiationIo.Concat(ProtocolHeader.Sasl, NegotiationIo.Frame(new SaslMechanisms
        {
            Mechanisms = mechanisms.Select(m => new Amqp.Codec.AmqpSymbol(m)).ToArray(),
        })), ct).ConfigureAwait(false);

        var init = await NegotiationIo.ReadSaslFrameAsync(transport.Input, reader, ct).ConfigureAwait(false) as SaslInit
            ?? throw new AuthenticationException("expected sasl-init");
        var outcome = Authenticate(init, mechanisms, transport.Tls, out var user);
        await transport.SendAsync(NegotiationIo.Frame(new SaslOutcome { Code = outcome }), ct).ConfigureAwait(false);
        if (outcome != SaslCode.Ok)
        {
            await transport.CloseAsync().ConfigureAwait(false);
            throw new AuthenticationException($"SASL {init.Mechanism} authentication failed{(user is null ? "" : " for " + user)}");
        }

        header = await NegotiationIo.ReadHeaderAsync(transport.Input, ct).ConfigureAwait(false);
        if (header is null || ProtocolHeader.Classify(header) != ProtocolHeader.IdAmqp)
        {
            await transport.CloseAsync().ConfigureAwait(false);
            throw new AuthenticationException($"expected the AMQP header after SASL, received {NegotiationIo.Describe(header)}");
        }

        await transport.SendAsync(ProtocolHeader.Amqp.ToArray(), ct).ConfigureAwait(false);
        return (transport, new SaslResult(init.Mechanism, true, user));
    }

    private async Task<ITransport?> SetUpTlsAsync(Socket socket, CancellationToken ct)
    {
        var profile = _listener.SslProfile is null ? null : _profiles(_listener.SslProfile)
            ?? throw new AuthenticationException($"sslProfile {_listener.SslProfile} not found");
        if (profile is null)
        {
            return new SocketTransport(socket);
        }

        var peek = new byte[1];
        int n = await socket.ReceiveAsync(peek, SocketFlags.Peek, ct).ConfigureAwait(false);
        if (n == 0)
        {
            socket.Dispose();
            return null;
        }

        if (peek[0] != 0x16)
        {
            if (_listener.RequireSsl)
            {
                socket.Dispose();
                throw new AuthenticationException("plain connection refused: the listener requires TLS");
            }

            return new SocketTransport(socket);
        }

        string remote = SocketTransport.FormatEndPoint(socket.RemoteEndPoint);
        string local = SocketTransport.FormatEndPoint(socket.LocalEndPoint);
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        var failure = new System.Runtime.CompilerServices.StrongBox<string?>();
        var options = ServerTlsOptions(profile, _listener.AuthenticatePeer, failure);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (_listener.InitialHandshakeTimeoutSeconds > 0)
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(_listener.InitialHandshakeTimeoutSeconds));
            }

            await ssl.AuthenticateAsServerAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new AuthenticationException($"TLS handshake failed: {failure.Value ?? e.Message}", e);
        }

        var tls = new TlsInfo(FormatProtocol(ssl.SslProtocol), ssl.NegotiatedCipherSuite.ToString(), CipherStrength(ssl.NegotiatedCipherSuite),
            ssl.RemoteCertificate as System.Security.Cryptography.X509Certificates.X509Certificate2, ssl.NegotiatedApplicationProtocol.ToString());
        return new StreamTransport(ssl, remote, local, tls, () => { });
    }

    /// <summary>
    /// The server side of a listener's TLS: the profile's certificate and chain, its protocols and ciphers, and a client
    /// certificate required (and checked against the profile's CA) when peers must authenticate. Why a client
    /// certificate was refused is left in <paramref name="failure"/>.
    /// </summary>
    public static SslServerAuthenticationOptions ServerTlsOptions(SslProfile profile, bool authenticatePeer, System.Runtime.CompilerServices.StrongBox<string?> failure)
    {
        var certificate = profile.LoadCertificate() ?? throw new AuthenticationException($"sslProfile {profile.Name} has no certificate");
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, profile.LoadChain(), offline: true),
            ClientCertificateRequired = authenticatePeer,
            EnabledSslProtocols = profile.ParseProtocols(),
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            {
                if (cert is null)
                {
                    if (authenticatePeer)
                    {
                        failure.Value = "peer did not return a certificate";
                        return false;
                    }

                    return true;
                }

                bool ok = profile.ValidatePeer(cert, errors & ~SslPolicyErrors.RemoteCertificateNameMismatch, checkName: false, out var why);
                failure.Value = why;
                return ok;
            },
        };
        CipherSuitesPolicyFactory.Apply(profile, options);
        return options;
    }

    /// <summary>Key strength in bits of a negotiated suite (management `sslSsf`).</summary>
    public static int CipherStrength(TlsCipherSuite suite)
    {
        var name = suite.ToString();
        return name.Contains("AES_256") || name.Contains("CHACHA20") ? 256 : name.Contains("AES_128") ? 128 : 0;
    }

    public static string FormatProtocol(SslProtocols p) => p switch
    {
        SslProtocols.Tls12 => "TLSv1.2",
        SslProtocols.Tls13 => "TLSv1.3",
        _ => p.ToString(),
    };

    /// <summary>Mechanisms offered: `saslMechanisms` if configured, else EXTERNAL (client cert), PLAIN (users file), ANONYMOUS (unless peers must authenticate).</summary>
    private List<string> OfferedMechanisms(TlsInfo? tls)
    {
        var supported = new List<string>();
        if (tls?.PeerCertificate is not null)
        {
            supported.Add("EXTERNAL");
        }

        if (_users.IsConfigured)
        {
            supported.Add("PLAIN");
        }

        if (!_listener.AuthenticatePeer)
        {
            supported.Add("ANONYMOUS");
        }

        if (string.IsNullOrWhiteSpace(_listener.SaslMechanisms))
        {
            return supported;
        }

        var allowed = _listener.SaslMechanisms.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = allowed.Where(m => m switch
        {
            "EXTERNAL" => tls?.PeerCertificate is not null,
            "PLAIN" => _users.IsConfigured,
            "ANONYMOUS" => true,
            _ => false,
        }).ToList();
        return result;
    }

    private SaslCode Authenticate(SaslInit init, List<string> offered, TlsInfo? tls, out string? user)
    {
        user = null;
        if (!offered.Contains(init.Mechanism))
        {
            return SaslCode.Auth;
        }

        switch (init.Mechanism)
        {
            case "ANONYMOUS":
                user = "anonymous";
                return SaslCode.Ok;
            case "EXTERNAL":
                user = tls?.PeerCertificate?.Subject;
                return user is null ? SaslCode.Auth : SaslCode.Ok;
            case "PLAIN":
                {
                    var parts = Encoding.UTF8.GetString(init.InitialResponse ?? []).Split('\0');
                    if (parts.Length != 3)
                    {
                        return SaslCode.Auth;
                    }

                    user = parts[1];
                    return _users.Verify(parts[1], parts[2]) ? SaslCode.Ok : SaslCode.Auth;
                }

            default:
                return SaslCode.Auth;
        }
    }
}
