using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Security;

/// <summary>
/// SASL with proton clients: ANONYMOUS; PLAIN against `&lt;saslConfigDir&gt;/&lt;saslConfigName&gt;.users`, where a good
/// password is accepted and a bad one refused while the router keeps serving other clients.
/// </summary>
public sealed class SaslTests(ITestOutputHelper output) : InteropTest(output)
{
    private async Task<RouterProcess> StartAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(TempDir, "interop.users"), "# test users\nalice:secret\n");
        return await StartRouterAsync(new RouterConfigBuilder("Sasl")
            .Router(("saslConfigDir", TempDir), ("saslConfigName", "interop"))
            .Listener("anonymous", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false))
            .Listener("plain", ("saslMechanisms", "PLAIN"), ("authenticatePeer", true)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Anonymous_Accepted()
    {
        var router = await StartAsync();
        var done = await RunClientAsync("anonymous", "connect.py", ["--url", router.Url("anonymous"), "--mech", "ANONYMOUS", "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
        await router.WaitForLogAsync("auth=ANONYMOUS user=anonymous", EventTimeout);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plain_GoodPassword_Accepted()
    {
        var router = await StartAsync();
        var done = await RunClientAsync("alice", "connect.py", ["--url", router.Url("plain"), "--mech", "PLAIN", "--user", "alice", "--password", "secret", "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
        await router.WaitForLogAsync("auth=PLAIN user=alice", EventTimeout);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plain_BadPassword_Refused_RouterKeepsServing()
    {
        var router = await StartAsync();
        var bystander = StartClient("bystander", "hold.py", "--url", router.Url("anonymous"), "--seconds", "3", "--timeout", ScriptTimeout);
        await bystander.WaitForEventAsync("ready", EventTimeout);

        var refused = await RunClientToExitAsync("mallory", "connect.py", "--url", router.Url("plain"), "--mech", "PLAIN", "--user", "alice", "--password", "wrong", "--timeout", ScriptTimeout);
        Assert.Equal(2, refused.ExitCode);
        var error = Assert.Single(refused.Events, e => e.Str("event") is "transport_error" or "remote_close");
        Assert.Equal("amqp:unauthorized-access", error.Str("condition"));
        Assert.Empty(refused.EventsNamed("opened"));

        var unknown = await RunClientToExitAsync("nobody", "connect.py", "--url", router.Url("plain"), "--mech", "PLAIN", "--user", "nobody", "--password", "secret", "--timeout", ScriptTimeout);
        Assert.Equal(2, unknown.ExitCode);

        // Others are still served: a new PLAIN client, and the client that stayed connected throughout.
        var good = await RunClientAsync("alice", "connect.py", ["--url", router.Url("plain"), "--mech", "PLAIN", "--user", "alice", "--password", "secret", "--timeout", ScriptTimeout]);
        Assert.True(good.Bool("roundtrip"));
        var held = await bystander.DoneAsync(ClientTimeout);
        Assert.True(held.Bool("roundtrip"));
    }

    [Fact(Timeout = 60_000)]
    public async Task NoSaslLayer_AcceptedWhereAuthenticationIsNotRequired_RefusedWhereItIs()
    {
        // The CLI tools send the bare AMQP header (captures/04-management.md): fine on a listener with
        // authenticatePeer false, even with saslMechanisms set; refused where peers must authenticate.
        var router = await StartAsync();
        var open = await RunClientAsync("no-sasl", "connect.py", ["--url", router.Url("anonymous"), "--no-sasl", "--timeout", ScriptTimeout]);
        Assert.True(open.Bool("roundtrip"));
        await router.WaitForLogAsync("auth=no user=(null)", EventTimeout);

        var refused = await RunClientToExitAsync("no-sasl-plain", "connect.py", "--url", router.Url("plain"), "--no-sasl", "--timeout", ScriptTimeout);
        Assert.Equal(2, refused.ExitCode);
        Assert.Empty(refused.EventsNamed("opened"));
    }
}
