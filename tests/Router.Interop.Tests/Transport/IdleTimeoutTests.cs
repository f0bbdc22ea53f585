using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Transport;

/// <summary>
/// Idle time-out (transport.xml 2.4.5) with a listener `idleTimeoutSeconds: 2`: a peer that opens and goes silent is
/// closed with amqp:resource-limit-exceeded after about 2 s; a peer with its own idle time-out gets heartbeats (empty
/// frames) often enough and stays connected.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class IdleTimeoutTests(ITestOutputHelper output) : InteropTest(output)
{
    private Task<RouterProcess> StartAsync() =>
        StartRouterAsync(new RouterConfigBuilder("Idle").Listener("amqp", ("idleTimeoutSeconds", 2)));

    [Fact(Timeout = 60_000)]
    public async Task SilentPeer_ClosedWithResourceLimitExceeded()
    {
        var router = await StartAsync();
        var done = await RunClientAsync("silent", "idle.py", ["--port", router.Port().ToString(), "--mode", "silent", "--timeout", "15"]);

        Assert.Equal(1000, done.Int("router_idle_timeout_ms")); // the router advertises half its time-out
        Assert.True(done.Bool("closed"));
        Assert.Equal("amqp:resource-limit-exceeded", done.Str("condition"));
        Assert.InRange(done.Double("close_after"), 1.95, 6.0);
        Assert.True(done.Bool("eof"), "the router did not close the socket after its close frame");
    }

    [Fact(Timeout = 60_000)]
    public async Task PeerWithoutOpen_ClosedAfterInitialHandshakeTimeout()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Handshake").Listener("amqp", ("initialHandshakeTimeoutSeconds", 1)));

        // Header exchanged, then no open: the router gives up after 1 s with amqp:not-allowed.
        var noOpen = await RunClientAsync("no-open", "idle.py", ["--port", router.Port().ToString(), "--mode", "no-open", "--timeout", "15"]);
        Assert.Equal("414d515000010000", noOpen.Str("header"));
        Assert.Equal("amqp:not-allowed", noOpen.Str("condition"));
        Assert.InRange(noOpen.Double("close_after"), 0.95, 6.0);
        Assert.True(noOpen.Bool("eof"));

        // Not even a protocol header: the socket is closed.
        var noHeader = await RunClientAsync("no-header", "idle.py", ["--port", router.Port().ToString(), "--mode", "no-header", "--timeout", "15"]);
        Assert.True(noHeader.Bool("eof"));
        Assert.InRange(noHeader.Double("close_after"), 0.95, 6.0);
        await router.WaitForLogAsync("Timeout waiting for initial handshake", EventTimeout);
    }

    [Fact(Timeout = 60_000)]
    public async Task RawPeerWithIdleTimeout_GetsHeartbeats()
    {
        var router = await StartAsync();
        var done = await RunClientAsync("heartbeat", "idle.py", ["--port", router.Port().ToString(), "--mode", "heartbeat", "--peer-idle-ms", "1000", "--seconds", "4", "--timeout", "15"]);

        // The peer closes after 1 s of silence, so over 4 s it needs at least 4 frames; the router sent nothing else.
        Assert.False(done.Bool("eof"));
        Assert.True(done.Int("empty_frames") >= 4, $"only {done.Int("empty_frames")} empty frames in 4 s");
        Assert.Equal(0, done.GetProperty("other_frames").GetArrayLength());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("1")]
    [InlineData("0.2")]
    public async Task ProtonClientWithIdleTimeout_StaysConnected(string idleTimeoutSeconds)
    {
        var router = await StartAsync();

        // proton advertises half its idle time-out (0.2 s: idle-time-out=100 ms) and closes the connection itself
        // if the router is silent for the whole of it; it holds 4 s, then does a round trip.
        var done = await RunClientAsync("proton", "hold.py", ["--url", router.Url(), "--idle-timeout", idleTimeoutSeconds, "--seconds", "4", "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
        Assert.True(done.Double("held") >= 4.0);
    }
}

/// <summary>
/// Tests whose pass/fail depends on sub-second timing (a 100 ms idle-time-out) run alone, after the parallel ones, so a
/// loaded machine does not starve the client or the router of CPU for longer than the time-out.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
