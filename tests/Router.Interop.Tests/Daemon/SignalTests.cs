using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Daemon;

/// <summary>
/// Signals (management-and-deployment.md §1.7): SIGTERM, SIGINT and SIGQUIT close connected clients with an AMQP
/// close and exit 0; SIGHUP is ignored and the router keeps serving.
/// </summary>
public sealed class SignalTests(ITestOutputHelper output) : InteropTest(output)
{
    [Theory(Timeout = 60_000)]
    [InlineData(Signals.SIGTERM)]
    [InlineData(Signals.SIGINT)]
    [InlineData(Signals.SIGQUIT)]
    public async Task StopSignal_ClosesClientsCleanly_Exits0(int signal)
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Signals").Listener("amqp"));
        var clients = Enumerable.Range(0, 2)
            .Select(i => StartClient($"client{i}", "hold.py", "--url", router.Url(), "--until-close", "--timeout", ScriptTimeout))
            .ToList();
        foreach (var c in clients)
        {
            await c.WaitForEventAsync("ready", EventTimeout);
        }

        Assert.Equal(0, await router.StopAsync(signal));
        foreach (var c in clients)
        {
            await c.WaitForExitAsync(ClientTimeout);
            var closed = Assert.Single(c.EventsNamed("remote_close"));
            Assert.True(closed.IsNull("condition"), $"closed with {closed.Str("condition")}");
            Assert.Equal(0, c.ExitCode);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Sigterm_DuringStreaming_ClientsClosedCleanly_Exits0()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("SignalStream").Listener("amqp"));
        var receiver = StartClient("receiver", "stream_receive.py", "--url", router.Url(), "--address", "sigterm.q", "--timeout", "60");
        await receiver.WaitForEventAsync("attached", EventTimeout);
        var sender = StartClient("sender", "stream_send.py", "--url", router.Url(), "--address", "sigterm.q", "--mib", "2048", "--timeout", "60");
        await receiver.WaitForEventAsync("progress", EventTimeout);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await router.StopAsync(Signals.SIGTERM));
        Output.WriteLine($"router exited {stopping.ElapsedMilliseconds} ms after SIGTERM");

        // Both ends of the unfinished delivery get an AMQP close without error (not a reset socket).
        foreach (var c in new[] { receiver, sender })
        {
            await c.WaitForExitAsync(ClientTimeout);
            var closed = Assert.Single(c.EventsNamed("remote_close"));
            Assert.True(closed.IsNull("condition"), $"{c.Name} closed with {closed.Str("condition")}");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Sighup_Ignored_RouterKeepsServing()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Sighup").Listener("amqp"));
        var held = StartClient("held", "hold.py", "--url", router.Url(), "--seconds", "2", "--timeout", ScriptTimeout);
        await held.WaitForEventAsync("ready", EventTimeout);

        router.Signal(Signals.SIGHUP);
        router.Signal(Signals.SIGHUP);

        var done = await RunClientAsync("after", "connect.py", ["--url", router.Url(), "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
        Assert.True((await held.DoneAsync(ClientTimeout)).Bool("roundtrip"));
        Assert.False(router.HasExited);
    }
}
