using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Transport;

namespace Skrouterd.Server;

/// <summary>
/// Client side of connection set-up for a connector: TCP, TLS with the connector's sslProfile (the server certificate
/// is always verified against the profile's CA; the name too unless `verifyHostname` is false), then SASL
/// (EXTERNAL with a client certificate, PLAIN with `saslUsername`/`saslPassword`, else ANONYMOUS) and the AMQP header.
/// </summary>
internal static class OutgoingNegotiator
{
    public static async Task<(ITransport Transport, SaslResult Sasl)> ConnectAsync(ConnectorOptions options, SslProfile? profile, CancellationToken ct)
    {
        int port = PortNames.Resolve(options.Port);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(options.Host, port, ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        ITransport transport;
        if (profile is not null)
        {
            string remote = SocketTransport.FormatEndPoint(socket.RemoteEndPoint);
            string local = SocketTransport.FormatEndPoint(socket.LocalEndPoint);
            var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            string? failure = null;
            var certificate = profile.LoadCertificate();
            var client = new SslClientAuthenticationOptions
            {
                TargetHost = options.Host,
                EnabledSslProtocols = profile.ParseProtocols(),
                CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                ClientCertificates = certificate is null ? null : [certificate],
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                    profile.ValidatePeer(cert, errors, options.VerifyHostname, out failure),
            };
            CipherSuitesPolicyFactory.Apply(profile, client);
            try
            {
                await ssl.AuthenticateAsClientAsync(client, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw new AmqpConnectFailure("amqp:connection:framing-error", $"TLS handshake failed: {failure ?? e.Message}");
            }

            var tls = new TlsInfo(IncomingNegotiator.FormatProtocol(ssl.SslProtocol), ssl.NegotiatedCipherSuite.ToString(),
                IncomingNegotiator.CipherStrength(ssl.NegotiatedCipherSuite), ssl.RemoteCertificate as System.Security.Cryptography.X509Certificates.X509Certificate2, null);
            transport = new StreamTransport(ssl, remote, local, tls, () => { });
        }
        else
        {
            transport = new SocketTransport(socket);
        }

        try
        {
            var sasl = await SaslAsync(transport, options, hasCertificate: profile?.CertFile is not null, ct).ConfigureAwait(false);
            return (transport, sasl);
        }
        catch
        {
            transport.Abort();
            throw;
        }
    }

    private static async Task<SaslResult> SaslAsync(ITransport transport, ConnectorOptions options, bool hasCertificate, CancellationToken ct)
    {
        var reader = new PerformativeReader();
        await transport.SendAsync(ProtocolHeader.Sasl.ToArray(), ct).ConfigureAwait(false);
        var header = await NegotiationIo.ReadHeaderAsync(transport.Input, ct).ConfigureAwait(false);
        if (header is null || ProtocolHeader.Classify(header) != ProtocolHeader.IdSasl)
        {
            throw new AmqpConnectFailure("amqp:connection:framing-error", $"expected the SASL header, received {NegotiationIo.Describe(header)}");
        }

        var offered = await NegotiationIo.ReadSaslFrameAsync(transport.Input, reader, ct).ConfigureAwait(false) as SaslMechanisms
            ?? throw new AmqpConnectFailure("amqp:connection:framing-error", "expected sasl-mechanisms");
        var names = offered.Mechanisms.Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        string? password = ResolvePassword(options.SaslPassword);
        IEnumerable<string> preference = !string.IsNullOrWhiteSpace(options.SaslMechanisms)
            ? options.SaslMechanisms.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : ["EXTERNAL", "PLAIN", "ANONYMOUS"];
        string? mechanism = preference.FirstOrDefault(m => names.Contains(m) && m switch
        {
            "EXTERNAL" => hasCertificate,
            "PLAIN" => options.SaslUsername is not null && password is not null,
            "ANONYMOUS" => true,
            _ => false,
        }) ?? throw new AmqpConnectFailure(AmqpErrors.UnauthorizedAccess, $"no acceptable SASL mechanism among [{string.Join(' ', names)}]");

        var init = new SaslInit { Mechanism = mechanism, Hostname = options.Host };
        init.InitialResponse = mechanism switch
        {
            "PLAIN" => Encoding.UTF8.GetBytes($"\0{options.SaslUsername}\0{password}"),
            "ANONYMOUS" => Encoding.UTF8.GetBytes("anonymous"),
            _ => [],
        };
        await transport.SendAsync(NegotiationIo.Frame(init), ct).ConfigureAwait(false);
        var outcome = await NegotiationIo.ReadSaslFrameAsync(transport.Input, reader, ct).ConfigureAwait(false) as SaslOutcome
            ?? throw new AmqpConnectFailure(AmqpErrors.UnauthorizedAccess, "expected sasl-outcome");
        if (outcome.Code != SaslCode.Ok)
        {
            throw new AmqpConnectFailure(AmqpErrors.UnauthorizedAccess, $"Authentication failed [mech={mechanism}]");
        }

        await transport.SendAsync(ProtocolHeader.Amqp.ToArray(), ct).ConfigureAwait(false);
        header = await NegotiationIo.ReadHeaderAsync(transport.Input, ct).ConfigureAwait(false);
        if (header is null || ProtocolHeader.Classify(header) != ProtocolHeader.IdAmqp)
        {
            throw new AmqpConnectFailure("amqp:connection:framing-error", $"expected the AMQP header, received {NegotiationIo.Describe(header)}");
        }

        return new SaslResult(mechanism, true, mechanism == "PLAIN" ? options.SaslUsername : null);
    }

    /// <summary>`saslPassword` forms: env:VAR, file:PATH (first line), pass:PW, or a bare literal.</summary>
    public static string? ResolvePassword(string? password)
    {
        if (password is null)
        {
            return null;
        }

        if (password.StartsWith("env:", StringComparison.Ordinal))
        {
            return Environment.GetEnvironmentVariable(password[4..].Trim());
        }

        if (password.StartsWith("file:", StringComparison.Ordinal))
        {
            return File.ReadLines(password[5..].Trim()).FirstOrDefault();
        }

        return password.StartsWith("pass:", StringComparison.Ordinal) ? password[5..] : password;
    }
}
