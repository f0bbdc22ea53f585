using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.EndToEnd;

/// <summary>amqps over real TLS sockets on loopback: trust file, client certificate with SASL EXTERNAL, peer-name checks.</summary>
public sealed class TlsTests
{
    private static FakeManagementServer Server(TestCertificates certs, string[] mechanisms, bool requestClientCert = false) =>
        new(r => FakeReply.Ok(r, new List<object?>()), new FakeServerOptions
        {
            TlsCertificate = certs.Server,
            RequestClientCertificate = requestClientCert,
            SaslMechanisms = mechanisms,
        });

    [Fact(Timeout = 60_000)]
    public async Task TrustFile_ConnectsOverTls_WithSaslAnonymous()
    {
        using var certs = new TestCertificates();
        await using var server = Server(certs, ["ANONYMOUS", "PLAIN"]);

        var run = await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", $"127.0.0.1:{server.Port}", "--ssl-trustfile", certs.CaFile]);

        Assert.Equal((0, "[]\n"), (run.ExitCode, run.Stdout));
        Assert.Equal("ANONYMOUS", server.SaslInits.Single().Mechanism);
        Assert.Equal(["414D515003010000", "414D515000010000"], server.ProtocolHeaders.Select(Convert.ToHexString));
    }

    [Fact(Timeout = 60_000)]
    public async Task ClientCertificate_AuthenticatesWithSaslExternal()
    {
        using var certs = new TestCertificates();
        await using var server = Server(certs, ["EXTERNAL", "ANONYMOUS"], requestClientCert: true);

        var run = await ToolRun.SkmanageAsync(
        [
            "get-mgmt-nodes", "-b", $"amqps://127.0.0.1:{server.Port}", "--ssl-trustfile", certs.CaFile,
            "--ssl-certificate", certs.ClientCertFile, "--ssl-key", certs.ClientKeyFile,
        ]);

        Assert.Equal((0, "[]\n"), (run.ExitCode, run.Stdout));
        Assert.Equal("EXTERNAL", server.SaslInits.Single().Mechanism);
        Assert.Equal("CN=skmanage-client", server.ClientCertificateSubject);
    }

    [Fact(Timeout = 60_000)]
    public async Task UntrustedServer_IsConnectionException()
    {
        using var certs = new TestCertificates();
        using var otherCa = new TestCertificates();
        await using var server = Server(certs, ["ANONYMOUS"]);

        var run = await ToolRun.SkstatAsync(["-b", $"127.0.0.1:{server.Port}", "--ssl-trustfile", otherCa.CaFile]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"ConnectionException: Connection amqps://127.0.0.1:{server.Port} disconnected: Condition('amqp:connection:framing-error', "
            + "'SSL Failure: error:0A000086:SSL routines::certificate verify failed')\n",
            run.Stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task PeerNameMismatch_FailsUnlessVerificationDisabled()
    {
        using var certs = new TestCertificates("router.elsewhere.example");
        await using var server = Server(certs, ["ANONYMOUS"]);
        string[] args = ["get-mgmt-nodes", "-b", $"127.0.0.1:{server.Port}", "--ssl-trustfile", certs.CaFile];

        var strict = await ToolRun.SkmanageAsync(args);
        var relaxed = await ToolRun.SkmanageAsync([.. args, "--ssl-disable-peer-name-verify"]);

        Assert.StartsWith("ConnectionException: ", strict.Stdout);
        Assert.Equal((0, "[]\n"), (relaxed.ExitCode, relaxed.Stdout));
    }
}
