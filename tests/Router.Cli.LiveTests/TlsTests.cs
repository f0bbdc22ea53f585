using System.Text.Json;
using System.Text.RegularExpressions;
using Skrouterd.Cli.LiveTests.Infrastructure;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Cli.LiveTests;

/// <summary>
/// The tools over TLS (certificates made with openssl for the run, <see cref="TestCertificates"/>): a listener with an
/// sslProfile and SASL ANONYMOUS, and a mutual-TLS one with SASL EXTERNAL. The tools connect with
/// <c>--ssl-trustfile</c> (and <c>--ssl-certificate</c>/<c>--ssl-key</c>), which makes them use amqps and SASL
/// (command.py: SASL is negotiated whenever TLS is used), and <c>skstat -c</c> shows the connections as encrypted:
/// security <c>&lt;sslProto&gt;(&lt;sslCipher&gt;)</c>, authentication <c>anonymous-user</c> or
/// <c>&lt;user&gt;(x.509)</c>.
/// </summary>
public sealed partial class TlsTests(ITestOutputHelper output) : LiveTest(output)
{
    private const string RouterId = "Live.Tls";
    private const string TrafficContainer = "cli-live-tls-traffic";

    private async Task<(RouterProcess Router, TestCertificates Certs)> StartAsync()
    {
        var certs = await TestCertificates.GetAsync();
        var router = await StartRouterAsync(new RouterConfigBuilder(RouterId)
            .SslProfile("server-tls", certs.ServerCert, certs.ServerKey, certs.CaCert)
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false))
            .Listener("tls", ("sslProfile", "server-tls"), ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false), ("requireSsl", true))
            .Listener("mtls", ("sslProfile", "server-tls"), ("saslMechanisms", "EXTERNAL"), ("authenticatePeer", true), ("requireSsl", true)));
        return (router, certs);
    }

    private static string[] TlsOptions(TestCertificates certs, bool clientCertificate) =>
        clientCertificate
            ? ["--ssl-trustfile", certs.CaCert, "--ssl-certificate", certs.ClientCert, "--ssl-key", certs.ClientKey]
            : ["--ssl-trustfile", certs.CaCert];

    private async Task<ToolRun> SkstatOverAsync(RouterProcess router, string listener, string[] tls, params string[] arguments) =>
        await RunToolAsync(CliLayout.SkstatDll, ["-b", Bus(router, listener), .. tls, .. arguments]);

    private async Task<ToolRun> SkmanageOverAsync(RouterProcess router, string listener, string[] tls, params string[] arguments) =>
        await RunToolAsync(CliLayout.SkmanageDll, [.. arguments, "-b", Bus(router, listener), .. tls]);

    private static SkstatTable ParseConnections(ToolRun run, string routerId)
    {
        Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.ToString());
        var body = SkstatTable.AfterHeader(run.Lines, routerId);
        int index = 0;
        var table = SkstatTable.Parse(body, ref index, "Connections", Headings.Connections);
        Assert.Equal(body.Length, index);
        return table;
    }

    [Fact(Timeout = 90_000)]
    public async Task SkstatConnections_OverTls_ShowProtocolCipherAndAuthentication()
    {
        var (router, certs) = await StartAsync();

        // Known clients over mutual TLS (SASL EXTERNAL with the client certificate), held open.
        var traffic = StartClient("traffic", "traffic.py", "--url", router.Url("mtls", "amqps"), "--mech", "EXTERNAL",
            "--ca", certs.CaCert, "--cert", certs.ClientCert, "--key", certs.ClientKey,
            "--container-id", TrafficContainer, "--address", "tls/addr", "--unsettled", "3", "--presettled", "0", "--timeout", ScriptTimeout);
        await traffic.WaitForEventAsync("done", EventTimeout);

        // skstat itself over the TLS listener, verifying the router's certificate (and its name 127.0.0.1).
        var table = ParseConnections(await SkstatOverAsync(router, "tls", TlsOptions(certs, clientCertificate: false), "-c"), RouterId);
        Assert.Equal(3, table.Rows.Count);

        var clients = table.Where("container", TrafficContainer);
        Assert.Equal(2, clients.Count);
        foreach (var c in clients)
        {
            Assert.Matches(TlsSecurity(), c["security"]);
            Assert.Equal(TestCertificates.ClientSubject + "(x.509)", c["authentication"]);
            Assert.Equal(("normal", "amqp", "in"), (c["role"], c["proto"], c["dir"]));
        }

        var self = Assert.Single(table.Rows.Select(table.AsMap), c => c["container"] != TrafficContainer);
        Assert.Matches(TlsSecurity(), self["security"]);
        Assert.Equal("anonymous-user", self["authentication"]);
        Assert.Equal(clients[0]["security"], self["security"]); // same TLS library on both ends: same protocol and cipher

        // The same over the plain listener: the tool's own connection is not encrypted and skipped SASL entirely.
        var plain = ParseConnections(await SkstatAsync(router, "-c"), RouterId);
        var plainSelf = Assert.Single(plain.Rows.Select(plain.AsMap), c => c["container"] != TrafficContainer);
        Assert.Equal(("no-security", "no-auth"), (plainSelf["security"], plainSelf["authentication"]));
        Assert.All(plain.Where("container", TrafficContainer), c => Assert.Matches(TlsSecurity(), c["security"]));

        // --csv over TLS: the security and authentication fields as in the table.
        var csv = await SkstatOverAsync(router, "tls", TlsOptions(certs, clientCertificate: false), "-c", "--csv");
        Assert.Equal(0, csv.ExitCode);
        Assert.Contains(csv.Lines, l => l.Contains($",\"{clients[0]["security"]}\",\"{TestCertificates.ClientSubject}(x.509)\",", StringComparison.Ordinal));
        traffic.CloseInput();
    }

    [Fact(Timeout = 90_000)]
    public async Task Skmanage_OverMutualTls_ConnectionAttributes()
    {
        var (router, certs) = await StartAsync();
        var run = await SkmanageOverAsync(router, "mtls", TlsOptions(certs, clientCertificate: true), "query", "--type", "connection");
        Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var self = Assert.Single(doc.RootElement.EnumerateArray());

        // skmanage's own connection: TLS with the client certificate, SASL EXTERNAL, the certificate subject as user.
        Assert.True(self.Bool("isEncrypted"));
        Assert.True(self.Bool("ssl"));
        Assert.True(self.Bool("isAuthenticated"));
        Assert.Equal(("EXTERNAL", TestCertificates.ClientSubject), (self.Str("sasl"), self.Str("user")));
        Assert.Matches(@"^TLSv1\.[23]$", self.Str("sslProto")!);
        Assert.Matches(@"^TLS_\w+$", self.Str("sslCipher")!);
        Assert.True(self.Long("sslSsf") >= 128, self.GetRawText());

        // skstat -c over the same listener agrees.
        var table = ParseConnections(await SkstatOverAsync(router, "mtls", TlsOptions(certs, clientCertificate: true), "-c"), RouterId);
        var row = Assert.Single(table.Rows.Select(table.AsMap));
        Assert.Equal(($"{self.Str("sslProto")}({self.Str("sslCipher")})", TestCertificates.ClientSubject + "(x.509)"), (row["security"], row["authentication"]));

        // And -g works over TLS too (the router overview, same router).
        var general = await SkstatOverAsync(router, "mtls", TlsOptions(certs, clientCertificate: true), "-g");
        Assert.Equal(0, general.ExitCode);
        Assert.Contains(general.Lines, l => l == "  Version                          2.7.6");
    }

    [Fact(Timeout = 90_000)]
    public async Task TlsFailures_ExitOneWithAnError()
    {
        var (router, certs) = await StartAsync();
        string rogueCa = Path.Combine(certs.Directory, "rogue-ca.crt");
        var started = DateTime.UtcNow;

        // Trusting another CA: the router's certificate does not verify.
        var untrusted = await SkstatOverAsync(router, "tls", ["--ssl-trustfile", rogueCa, "--timeout", "5"], "-c");
        AssertFailure(untrusted);
        Assert.Equal(
            $"ConnectionException: Connection amqps://{Bus(router, "tls")} disconnected: Condition('amqp:connection:framing-error', "
            + "'SSL Failure: error:0A000086:SSL routines::certificate verify failed')\n",
            untrusted.Stdout);

        // No client certificate on the mutual-TLS listener.
        var noCertificate = await SkmanageOverAsync(router, "mtls", TlsOptions(certs, clientCertificate: false), "query", "--type", "connection", "--timeout", "5");
        AssertFailure(noCertificate);

        // No TLS at all on a listener that requires it.
        var plain = await SkstatAsync(router, "-c", "--timeout", "5");
        Assert.Equal(0, plain.ExitCode); // the plain listener still works
        var plainToTls = await RunToolAsync(CliLayout.SkstatDll, ["-b", Bus(router, "tls"), "-c", "--timeout", "5"]);
        AssertFailure(plainToTls);

        // Each failure is reported within the tools' own time-out (5 s), not by the test's limit.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(40), "the failures took too long");

        // The router keeps serving TLS clients.
        var after = ParseConnections(await SkstatOverAsync(router, "tls", TlsOptions(certs, clientCertificate: false), "-c"), RouterId);
        Assert.Single(after.Rows);
    }

    /// <summary>command.py main(): `ClassName: message` on stdout, nothing on stderr, exit 1.</summary>
    private static void AssertFailure(ToolRun run)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stderr);
        Assert.Matches(@"^(ConnectionException|SSLException|Timeout|LinkDetached|ConnectionClosed): \S.*\n$", run.Stdout);
    }

    [GeneratedRegex(@"^TLSv1\.[23]\(TLS_\w+\)$")]
    private static partial Regex TlsSecurity();
}
