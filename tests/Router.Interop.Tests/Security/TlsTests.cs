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

    private async Task AssertStillServingAsync(RouterProcess router, TestCertificates certs)
    {
        var done = await RunClientAsync("after", "connect.py",
            ["--url", router.Url("mtls", "amqps"), "--mech", "EXTERNAL", "--ca", certs.CaCert, "--cert", certs.ClientCert, "--key", certs.ClientKey, "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
    }
}
