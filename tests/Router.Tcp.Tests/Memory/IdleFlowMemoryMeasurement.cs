using System.Net.Sockets;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Tcp.Tests.Memory;

/// <summary>
/// Memory per idle flow (a client connected through a tcpListener → tcpConnector to a server, nothing flowing).
/// Not a test: run with SKROUTERD_MEASURE=1 and read the output.
/// </summary>
public sealed class IdleFlowMemoryMeasurement(ITestOutputHelper output)
{
    private const int Flows = 2000;

    /// <summary>A server that holds each connection until the client's FIN (a 1-byte buffer: it should cost little).</summary>
    private static TestServer HoldServer() => new(async (s, ct) =>
    {
        var one = new byte[1];
        while (await s.ReceiveAsync(one, SocketFlags.None, ct) > 0)
        {
        }

        s.Shutdown(SocketShutdown.Send);
    });

    private static async Task<List<Socket>> OpenAsync(int port, int count, TestServer server, int alreadyAccepted)
    {
        var sockets = new List<Socket>(count);
        for (int i = 0; i < count; i++)
        {
            sockets.Add(await Net.ConnectAsync(port));
        }

        await Poll.UntilAsync(() => server.Accepted >= alreadyAccepted + count, "the backend to have every flow", TimeSpan.FromSeconds(60),
            () => $"accepted {server.Accepted - alreadyAccepted} of {count}");
        return sockets;
    }

    private static async Task CloseAsync(List<Socket> sockets, TestServer server)
    {
        foreach (var s in sockets)
        {
            s.Dispose();
        }

        await Poll.UntilAsync(() => server.Active == 0, "every flow to end", TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits for the RSS to settle (two readings 500 ms apart within 1%) and returns it.</summary>
    private static async Task<long> SettledRssAsync(DaemonProcess daemon)
    {
        long last = daemon.ResidentBytes();
        for (int i = 0; i < 20; i++)
        {
            await Task.Delay(500);
            long now = daemon.ResidentBytes();
            if (Math.Abs(now - last) < last / 100)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    [MeasurementFact(Timeout = 300_000)]
    public Task Daemon_RssPerIdleFlow() => MeasureDaemonAsync(null);

    /// <summary>The same with a 1 MiB gen0 budget: less room for garbage between collections.</summary>
    [MeasurementFact(Timeout = 300_000)]
    public Task Daemon_RssPerIdleFlow_SmallGen0() => MeasureDaemonAsync(new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x100000" });

    private async Task MeasureDaemonAsync(Dictionary<string, string>? environment)
    {
        await using var server = HoldServer();
        int port = Net.FreePort();
        await using var daemon = await DaemonProcess.StartAsync(
            TestRouter.Listener("l", "hold", port) + "," + TestRouter.Connector("c", "hold", server.Port), environment, "Listener l: listening");

        // Warm up (JIT, pools) with a few flows, then close them: the heap is not pre-grown by a first round of 2,000.
        await CloseAsync(await OpenAsync(port, 100, server, 0), server);
        long before = await SettledRssAsync(daemon);
        long anonBefore = daemon.Status("RssAnon"), threadsBefore = daemon.Status("Threads");

        var sockets = await OpenAsync(port, Flows, server, server.Accepted);
        long open = await SettledRssAsync(daemon);
        long anonOpen = daemon.Status("RssAnon"), threadsOpen = daemon.Status("Threads");
        await CloseAsync(sockets, server);
        long after = await SettledRssAsync(daemon);

        output.WriteLine($"RSS before {before / 1048576.0:F1} MiB, with {Flows} idle flows {open / 1048576.0:F1} MiB, after closing {after / 1048576.0:F1} MiB");
        output.WriteLine($"per idle flow: {(open - before) / (double)Flows / 1024:F1} KiB (anonymous memory {(anonOpen - anonBefore) / (double)Flows:F1} KiB); threads {threadsBefore} -> {threadsOpen}");
    }

    /// <summary>
    /// With SKROUTERD_HEAPHIST pointing at a heap-histogram tool (a ClrMD program printing `type\tcount\tbytes` for
    /// a pid), the live objects of this process by type; null otherwise.
    /// </summary>
    private static async Task<Dictionary<string, (long Count, long Bytes)>?> HeapHistogramAsync()
    {
        string? tool = Environment.GetEnvironmentVariable("SKROUTERD_HEAPHIST");
        if (tool is null)
        {
            return null;
        }

        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        psi.ArgumentList.Add(tool);
        psi.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var p = System.Diagnostics.Process.Start(psi)!;
        string text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        var result = new Dictionary<string, (long, long)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            result[f[0]] = (long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return result;
    }

    [MeasurementFact(Timeout = 300_000)]
    public async Task InProcess_ManagedHeapPerIdleFlow()
    {
        await using var server = HoldServer();

        // Direct connections first: the cost of the test's own client and server sockets.
        long directBase = GC.GetTotalMemory(forceFullCollection: true);
        var direct = await OpenAsync(server.Port, Flows, server, server.Accepted);
        long directOpen = GC.GetTotalMemory(forceFullCollection: true);
        await CloseAsync(direct, server);

        await using var router = TestRouter.Start(TestRouter.Listener("l", "hold") + "," + TestRouter.Connector("c", "hold", server.Port), keepLog: false);
        int port = await router.ListenerPortAsync("l");
        await CloseAsync(await OpenAsync(port, Flows, server, server.Accepted), server); // warm up
        await router.AssertIdleAsync();
        long routedBase = GC.GetTotalMemory(forceFullCollection: true);
        var histogramBase = await HeapHistogramAsync();
        var routed = await OpenAsync(port, Flows, server, server.Accepted);
        await Poll.UntilAsync(() => router.Adaptor.Flows.Count == 2 * Flows, "every flow", TimeSpan.FromSeconds(60));
        long routedOpen = GC.GetTotalMemory(forceFullCollection: true);
        var histogramOpen = await HeapHistogramAsync();
        if (histogramBase is not null && histogramOpen is not null)
        {
            output.WriteLine("heap growth per flow by type (includes the test's client and server sockets):");
            foreach (var (type, count, bytes) in histogramOpen
                .Select(kv => (Type: kv.Key, Count: kv.Value.Count - histogramBase.GetValueOrDefault(kv.Key).Count, Bytes: kv.Value.Bytes - histogramBase.GetValueOrDefault(kv.Key).Bytes))
                .Where(x => x.Bytes > Flows * 16)
                .OrderByDescending(x => x.Bytes))
            {
                output.WriteLine($"  {bytes / (double)Flows,8:F0} B  {count / (double)Flows,5:F2}x  {type}");
            }
        }
        await CloseAsync(routed, server);
        await router.AssertIdleAsync();

        double directPerFlow = (directOpen - directBase) / (double)Flows;
        double routedPerFlow = (routedOpen - routedBase) / (double)Flows;
        output.WriteLine($"managed heap per direct connection (client + server sockets): {directPerFlow / 1024:F2} KiB");
        output.WriteLine($"managed heap per routed flow (client + server + router): {routedPerFlow / 1024:F2} KiB");
        output.WriteLine($"router's share per idle flow (two sockets, two flows, links, addresses): {(routedPerFlow - directPerFlow) / 1024:F2} KiB");
    }
}
