using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Client;

internal sealed partial class BlockingConnection
{
    /// <summary>
    /// Connects the socket (trying each resolved address while they refuse, as proton's Python I/O does) and, for
    /// amqps, runs the TLS handshake. 0.0.0.0 and :: mean the local host, as they do for a Linux connect().
    /// </summary>
    private static async Task<(Socket Socket, Stream Stream)> OpenTransportAsync(ConnectionSettings settings, Deadline deadline, string url)
    {
        int port = settings.Url.ResolvePort();
        IPAddress[] addresses = await ResolveAsync(settings.Url.Host).ConfigureAwait(false);
        Socket? socket = null;
        for (int i = 0; i < addresses.Length; i++)
        {
            var candidate = new Socket(addresses[i].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var cts = CancelAt(settings, deadline);
            try
            {
                await candidate.ConnectAsync(new IPEndPoint(addresses[i], port), cts.Token).ConfigureAwait(false);
                socket = candidate;
                break;
            }
            catch (OperationCanceledException)
            {
                candidate.Dispose();
                throw PyErrors.Timeout($"Connection {url} timed out: Opening connection");
            }
            catch (SocketException e)
            {
                candidate.Dispose();
                if (e.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    if (i + 1 < addresses.Length)
                    {
                        continue;
                    }

                    throw PyErrors.ConnectionException(
                        $"Connection {url} disconnected: Condition('proton.pythonio', 'Connection refused to all addresses')");
                }

                throw PyErrors.ConnectionException(
                    $"Connection {url} disconnected: Condition('proton.pythonio', 'Connection error: {e.NativeErrorCode}')");
            }
        }

        if (socket is null)
        {
            throw PyErrors.ConnectionException(
                $"Connection {url} disconnected: Condition('proton.pythonio', 'Connection refused to all addresses')");
        }

        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (settings.Url.IsAmqps)
        {
            try
            {
                stream = await AuthenticateTlsAsync(settings, stream, deadline, url).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        return (socket, stream);
    }

    private static CancellationTokenSource CancelAt(ConnectionSettings settings, Deadline deadline) =>
        deadline.IsInfinite ? new CancellationTokenSource() : new CancellationTokenSource(deadline.Remaining, settings.Time);

    private static async Task<IPAddress[]> ResolveAsync(string host)
    {
        // Skupper runs the tools with the default bus 0.0.0.0 against a listener on "localhost", which may be bound
        // to either loopback; try the other one when the first refuses.
        if (host == "0.0.0.0")
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        if (host == "::")
        {
            return [IPAddress.IPv6Loopback, IPAddress.Loopback];
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        try
        {
            var found = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
            if (found.Length > 0)
            {
                return found;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TryAgain)
        {
            throw new PyException("gaierror", "[Errno -3] Temporary failure in name resolution");
        }
        catch (SocketException)
        {
        }

        throw new PyException("gaierror", "[Errno -2] Name or service not known");
    }

    /// <summary>OpenSSL 3's text for SSL_R_CERTIFICATE_VERIFY_FAILED, which proton reports as the SSL failure.</summary>
    private const string CertificateVerifyFailed = "error:0A000086:SSL routines::certificate verify failed";

    private static async Task<Stream> AuthenticateTlsAsync(ConnectionSettings settings, Stream inner, Deadline deadline, string url)
    {
        var tls = settings.Tls ?? new TlsSettings(null, null, null, null, VerifyPeerName: true);
        X509Certificate2Collection? trusted = null;
        X509Certificate2Collection? clientCerts = null;
        try
        {
            if (tls.TrustFile is not null)
            {
                trusted = [];
                trusted.ImportFromPemFile(tls.TrustFile);
            }

            if (tls.Certificate is not null)
            {
                var cert = tls.Password is { Length: > 0 } password
                    ? X509Certificate2.CreateFromEncryptedPemFile(tls.Certificate, password, tls.Key)
                    : X509Certificate2.CreateFromPemFile(tls.Certificate, tls.Key);
                clientCerts = [cert];
            }
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new PyException("SSLException", e.Message);
        }

        bool rejected = false;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, chain, errors) =>
        {
            bool valid = ValidatePeer(certificate, errors, trusted, tls.VerifyPeerName);
            rejected |= !valid;
            return valid;
        });
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = settings.Url.Host,
            ClientCertificates = clientCerts,
            EnabledSslProtocols = SslProtocols.None,
        };
        using var cts = CancelAt(settings, deadline);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cts.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (OperationCanceledException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw PyErrors.Timeout($"Connection {url} timed out: Opening connection");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);

            // A rejected router certificate (untrusted chain or wrong name) reads as proton's OpenSSL error does.
            string reason = rejected ? CertificateVerifyFailed : e.InnerException?.Message ?? e.Message;
            throw PyErrors.ConnectionException(
                $"Connection {url} disconnected: {ProtonCondition.Repr("amqp:connection:framing-error", "SSL Failure: " + reason)}");
        }
    }

    /// <summary>
    /// Peer verification as proton configures it: the chain must lead to the trust file's CAs (or the system store
    /// without one), and the name must match unless <c>--ssl-disable-peer-name-verify</c>.
    /// </summary>
    private static bool ValidatePeer(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? trusted, bool verifyName)
    {
        if (certificate is null)
        {
            return false;
        }

        if (verifyName && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        if (trusted is null)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
