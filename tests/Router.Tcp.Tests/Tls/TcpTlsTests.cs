using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Tls;

/// <summary>
/// TLS on the application sockets (adaptors.md §2.9; the C router's system_tests_tcp_adaptor_tls): the listener as
/// TLS server with ALPN carried to the connector, the connector as TLS client verifying the server.
/// </summary>
public sealed class TcpTlsTests
{
    private static readonly TestCertificates Certs = TestCertificates.Instance;

    /// <summary>A TLS client to the listener offering <paramref name="alpn"/>; returns the stream and the negotiated protocol.</summary>
    private static async Task<(Socket Socket, SslStream Ssl)> ConnectTlsAsync(int port, SslApplicationProtocol[]? alpn, X509Certificate2? clientCertificate = null)
    {
        var socket = await Net.ConnectAsync(port);
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(Certs.CaCert);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = alpn?.ToList(),
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { trusted[0] }, RevocationMode = X509RevocationMode.NoCheck },
        });
        return (socket, ssl);
    }

    private static async Task EchoOverTlsAsync(SslStream ssl, int length)
    {
        var data = new byte[length];
        new Patterns((ulong)length).Fill(data);
        var write = Task.Run(async () =>
        {
            await ssl.WriteAsync(data);
            await ssl.FlushAsync();
        });
        var back = new byte[length];
        await ssl.ReadExactlyAsync(back);
        await write;
        Assert.Equal(data, back);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("h2")]
    [InlineData("http/1.1")]
    [InlineData("h2,http/1.1")]
    [InlineData("")]
    public async Task TlsListener_AlpnNegotiated_CarriedToTheConnectorSide(string offered)
    {
        var backendAlpn = new ConcurrentQueue<string>();
        await using var backend = TlsEchoServer.Start(Certs.Load("server"), backendAlpn);
        await using var router = TestRouter.Start(
            Certs.Profile("listener-tls", "server") + "," + Certs.Profile("connector-tls") + "," +
            TestRouter.Listener("l", "svc", extra: "\"sslProfile\": \"listener-tls\"") + "," +
            TestRouter.Connector("c", "svc", backend.Port, extra: "\"sslProfile\": \"connector-tls\""));
        int port = await router.ListenerPortAsync("l");

        var protocols = offered.Length == 0 ? null : offered.Split(',').Select(p => new SslApplicationProtocol(p)).ToArray();
        var (socket, ssl) = await ConnectTlsAsync(port, protocols);
        using (socket)
        using (ssl)
        {
            string negotiated = ssl.NegotiatedApplicationProtocol.ToString();
            if (protocols is null)
            {
                Assert.Equal("", negotiated);
            }
            else
            {
                Assert.Contains(negotiated, offered.Split(','));
            }

            await EchoOverTlsAsync(ssl, 300_000);
            Assert.True(backendAlpn.TryDequeue(out var atBackend));
            Assert.Equal(negotiated, atBackend); // the connector offered exactly the client's protocol (or none)

            await ssl.ShutdownAsync();
            socket.Shutdown(SocketShutdown.Send);
            Assert.Equal(0, await ssl.ReadAsync(new byte[1]));
        }

        await router.AssertIdleAsync();
        Assert.Empty(backend.Errors);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("server", true, true)]
    [InlineData("server", false, true)]
    [InlineData("wrongname", true, false)]
    [InlineData("wrongname", false, true)]
    [InlineData("untrusted", true, false)]
    [InlineData("untrusted", false, false)]
    public async Task TlsConnector_VerifiesTheServer(string serverCert, bool verifyHostname, bool works)
    {
        var backendAlpn = new ConcurrentQueue<string>();
        var backendReceived = new StrongBox<long>();
        await using var backend = TlsEchoServer.Start(Certs.Load(serverCert), backendAlpn, backendReceived);
        await using var router = TestRouter.Start(
            Certs.Profile("connector-tls") + "," + TestRouter.Listener("l", "svc") + "," +
            TestRouter.Connector("c", "svc", backend.Port, extra: $"\"sslProfile\": \"connector-tls\", \"verifyHostname\": {(verifyHostname ? "true" : "false")}"));
        int port = await router.ListenerPortAsync("l");

        Socket client;
        try
        {
            client = await Net.ConnectAsync(port);
        }
        catch (SocketException) when (!works)
        {
            // The flow failed (and the router closed the client) before this side saw its connect complete.
            await router.AssertIdleAsync();
            Assert.Equal(0, Interlocked.Read(ref backendReceived.Value));
            return;
        }

        using (client)
        {
            var data = new byte[100_000];
            new Patterns(5).Fill(data);
            try
            {
                await Net.SendAllAsync(client, data);
            }
            catch (SocketException) when (!works)
            {
            }

            if (works)
            {
                Assert.Equal(data, await Net.ReadExactlyAsync(client, data.Length));
                Assert.Equal("", Assert.Single(backendAlpn)); // no ALPN unless the client side negotiated one
                client.Shutdown(SocketShutdown.Send);
                Assert.Empty(await Net.ReadToEndAsync(client));
            }
            else
            {
                var (bytes, _) = await Net.DrainAsync(client).WaitAsync(TimeSpan.FromSeconds(30)); // the flow fails: closed
                Assert.Equal(0, bytes);
                Assert.Equal(0, Interlocked.Read(ref backendReceived.Value)); // nothing was sent to the server
                Assert.Equal(1, Interlocked.Read(ref router.ConnectorNamed("c").Receiver.Outcomes.Released));
            }
        }

        await router.AssertIdleAsync();
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TlsListener_AuthenticatePeer_RequiresAClientCertificate(bool presentCertificate)
    {
        await using var echo = TestServer.Echo();
        await using var router = TestRouter.Start(
            Certs.Profile("listener-tls", "server") + "," +
            TestRouter.Listener("l", "svc", extra: "\"sslProfile\": \"listener-tls\", \"authenticatePeer\": true") + "," +
            TestRouter.Connector("c", "svc", echo.Port));
        int port = await router.ListenerPortAsync("l");

        if (presentCertificate)
        {
            var (socket, ssl) = await ConnectTlsAsync(port, null, Certs.Load("server"));
            using (socket)
            using (ssl)
            {
                await EchoOverTlsAsync(ssl, 1000);
            }
        }
        else
        {
            // TLS 1.3: the client finishes its handshake before the server checks the (missing) certificate;
            // the failure shows on the first read.
            var failure = await Record.ExceptionAsync(async () =>
            {
                var (socket, ssl) = await ConnectTlsAsync(port, null);
                using (socket)
                using (ssl)
                {
                    await ssl.WriteAsync(new byte[10]);
                    if (await ssl.ReadAsync(new byte[10]) == 0)
                    {
                        throw new IOException("closed");
                    }
                }
            });
            Assert.True(failure is IOException or AuthenticationException, failure?.ToString());
        }

        await router.AssertIdleAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task TlsListener_ServerHalfClosesFirst_ClientStillSends()
    {
        const int UploadLength = 2_000_000;
        var uploaded = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestServer(async (s, ct) =>
        {
            await Net.SendAllAsync(s, "hello"u8.ToArray(), ct);
            s.Shutdown(SocketShutdown.Send);
            uploaded.TrySetResult(await Net.ReadToEndAsync(s, ct));
        });
        await using var router = TestRouter.Start(
            Certs.Profile("listener-tls", "server") + "," +
            TestRouter.Listener("l", "svc", extra: "\"sslProfile\": \"listener-tls\"") + "," + TestRouter.Connector("c", "svc", server.Port));
        int port = await router.ListenerPortAsync("l");

        var (socket, ssl) = await ConnectTlsAsync(port, null);
        using (socket)
        using (ssl)
        {
            var greeting = new MemoryStream();
            await ssl.CopyToAsync(greeting); // ends with the router's close_notify and FIN
            Assert.Equal("hello"u8.ToArray(), greeting.ToArray());

            var upload = new byte[UploadLength];
            new Patterns(21).Fill(upload);
            await ssl.WriteAsync(upload);
            await ssl.ShutdownAsync();
            socket.Shutdown(SocketShutdown.Send);
            var received = await uploaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(upload, received);
        }

        await router.AssertIdleAsync();
    }
}
