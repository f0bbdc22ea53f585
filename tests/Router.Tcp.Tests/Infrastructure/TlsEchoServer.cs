using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>
/// A TLS echo server (SslStream) offering h2 and http/1.1; records the ALPN protocol of each connection and counts the
/// bytes it received.
/// </summary>
internal static class TlsEchoServer
{
    public static TestServer Start(X509Certificate2 certificate, ConcurrentQueue<string> alpn, StrongBox<long>? received = null) => new(async (s, ct) =>
    {
        using var ssl = new SslStream(new NetworkStream(s, ownsSocket: false));
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        }, ct).ConfigureAwait(false);
        alpn.Enqueue(ssl.NegotiatedApplicationProtocol.ToString());
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int n = await ssl.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            if (received is not null)
            {
                Interlocked.Add(ref received.Value, n);
            }

            await ssl.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
        }

        await ssl.ShutdownAsync().ConfigureAwait(false);
        s.Shutdown(SocketShutdown.Send);
    });
}
