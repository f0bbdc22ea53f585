using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Security;

/// <summary>
/// TLS with certificates generated for the run (<see cref="TestCertificates"/>): a TLS listener serves a client that
/// verifies the router's certificate; a mutual-TLS listener (`authenticatePeer: true`, SASL EXTERNAL) accepts a client
/// certificate from the trusted CA and refuses a client without a certificate or with an untrusted one.
/// </summary>
public sealed class TlsTests(ITestOutputHelper output) : InteropTest(output)
{
    private async Task<(RouterProcess Router, TestCertificates Certs)> StartAsync()
    {
        var certs = await TestCertificates.GetAsync();
        var router = await StartRouterAsync(new RouterConfigBuilder("Tls")
            .SslProfile("server-tls", certs.ServerCert, certs.ServerKey, certs.CaCert)
            .Listener("tls", ("sslProfile", "server-tls"), ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false), ("requireSsl", true))
            .Listener("mtls", ("sslProfile", "server-tls"), ("saslMechanisms", "EXTERNAL"), ("authenticatePeer", true), ("requireSsl", true)));
        return (router, certs);
    }

    [Fact(Timeout = 60_000)]
    public async Task TlsListener_ServesVerifyingClient()
    {
        var (router, certs) = await StartAsync();
        var done = await RunClientAsync("tls", "connect.py", ["--url", router.Url("tls", "amqps"), "--ca", certs.CaCert, "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
        var opened = await router.WaitForLogAsync("Connection Opened: dir=in", EventTimeout);
        Assert.Contains("encrypted=TLS", opened);
    }

    [Fact(Timeout = 60_000)]
    public async Task TlsListener_RefusesPlainConnection()
    {
        var (router, _) = await StartAsync();
        var refused = await RunClientToExitAsync("plain", "connect.py", "--url", router.Url("tls"), "--timeout", ScriptTimeout);
        Assert.Equal(2, refused.ExitCode);
        Assert.Empty(refused.EventsNamed("opened"));
    }

    [Fact(Timeout = 60_000)]
    public async Task MutualTls_TrustedClientCertificate_AuthenticatedWithExternal()
    {
        var (router, certs) = await StartAsync();
        var done = await RunClientAsync("mtls", "connect.py",
            ["--url", router.Url("mtls", "amqps"), "--mech", "EXTERNAL", "--ca", certs.CaCert, "--cert", certs.ClientCert, "--key", certs.ClientKey, "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
        var opened = await router.WaitForLogAsync("auth=EXTERNAL", EventTimeout);
        Assert.Contains("interop-client", opened);
    }

    [Fact(Timeout = 60_000)]
    public async Task MutualTls_NoClientCertificate_Refused()
    {
        var (router, certs) = await StartAsync();
        var refused = await RunClientToExitAsync("no-cert", "connect.py", "--url", router.Url("mtls", "amqps"), "--mech", "EXTERNAL", "--ca", certs.CaCert, "--timeout", ScriptTimeout);
        Assert.Equal(2, refused.ExitCode);
        Assert.Empty(refused.EventsNamed("opened"));
        await AssertStillServingAsync(router, certs);
    }

    [Fact(Timeout = 60_000)]
    public async Task MutualTls_UntrustedClientCertificate_Refused()
    {
        var (router, certs) = await StartAsync();
        var refused = await RunClientToExitAsync("rogue", "connect.py",
            "--url", router.Url("mtls", "amqps"), "--mech", "EXTERNAL", "--ca", certs.CaCert, "--cert", certs.UntrustedClientCert, "--key", certs.UntrustedClientKey, "--timeout", ScriptTimeout);
        Assert.Equal(2, refused.ExitCode);
        Assert.Empty(refused.EventsNamed("opened"));
        await AssertStillServingAsync(router, certs);
    }

    [Fact(Timeout = 120_000)]
    public async Task TlsListener_LargeStreamedAndHeartbeats()
    {
        var (router, certs) = await StartAsync();
        string url = router.Url("tls", "amqps");

        // 5 x 5 MB messages, unsettled.
        var receiver = StartClient("receiver", "receiver.py", "--url", url, "--ca", certs.CaCert, "--address", "tls.large", "--count", "5", "--sha256", "--timeout", "60");
        await receiver.WaitForEventAsync("attached", EventTimeout);
        var sent = await RunClientAsync("sender", "sender.py", ["--url", url, "--ca", certs.CaCert, "--address", "tls.large", "--count", "5", "--size", "5000000", "--sha256", "--timeout", "60"]);
        await receiver.DoneAsync(ClientTimeout);
        Assert.Equal(5, sent.Int("accepted"));
        Assert.All(receiver.EventsNamed("message"), m => Assert.Equal(sent.Str("sha256"), m.Str("sha256")));

        // A 64 MiB streamed delivery.
        var streamReceiver = StartClient("stream-receiver", "stream_receive.py", "--url", url, "--ca", certs.CaCert, "--address", "tls.stream", "--timeout", "90");
        await streamReceiver.WaitForEventAsync("attached", EventTimeout);
        var streamed = await RunClientAsync("stream-sender", "stream_send.py", ["--url", url, "--ca", certs.CaCert, "--address", "tls.stream", "--mib", "64", "--timeout", "90"]);
        var streamDone = await streamReceiver.DoneAsync(ClientTimeout);
        Assert.Equal(streamed.Str("sha256"), streamDone.Str("sha256"));

        // Heartbeats through TLS: proton with a 1 s idle time-out stays connected for 3 s.
        var held = await RunClientAsync("held", "hold.py", ["--url", url, "--ca", certs.CaCert, "--idle-timeout", "1", "--seconds", "3", "--timeout", ScriptTimeout]);
        Assert.True(held.Bool("roundtrip"));
    }

    private async Task AssertStillServingAsync(RouterProcess router, TestCertificates certs)
    {
        var done = await RunClientAsync("after", "connect.py",
            ["--url", router.Url("mtls", "amqps"), "--mech", "EXTERNAL", "--ca", certs.CaCert, "--cert", certs.ClientCert, "--key", certs.ClientKey, "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
    }
}
