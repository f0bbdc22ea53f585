using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net.Sockets;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Tcp.Tests.Memory;

/// <summary>
/// What the data path allocates while 1 GiB streams through the router (sampled GC allocation ticks, one per ~100 KB
/// allocated, by type; the test's own client and echo server are included). Not a test: run with SKROUTERD_MEASURE=1.
/// </summary>
public sealed class DataPathAllocationMeasurement(ITestOutputHelper output)
{
    private sealed class Listener : EventListener
    {
        public readonly ConcurrentDictionary<string, long> Types = new();
        public volatile bool On;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (On && e.EventName is not null && e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal))
            {
                int i = e.PayloadNames!.IndexOf("TypeName");
                string t = (string)e.Payload![i]!;
                Types.AddOrUpdate(t, 1, (_, v) => v + 1);
            }
        }
    }

    [MeasurementFact(Timeout = 240_000)]
    public async Task OneGiB_AllocationTicksByType()
    {
        using var l = new Listener();
        await using var server = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", server.Port));
        int port = await router.ListenerPortAsync("l");
        using var client = await Net.ConnectAsync(port);
        const long Total = 1L << 30;
        l.On = true;
        var buf = new byte[256 * 1024];
        var send = Task.Run(async () =>
        {
            long sent = 0;
            while (sent < Total)
            {
                await Net.SendAllAsync(client, buf);
                sent += buf.Length;
            }

            client.Shutdown(SocketShutdown.Send);
        });
        var (received, _) = await Net.DrainAsync(client);
        Assert.Equal(Total, received);
        await send;
        l.On = false;
        foreach (var kv in l.Types.OrderByDescending(k => k.Value).Take(25))
        {
            output.WriteLine($"{kv.Value,6} ticks (~100 KB each)  {kv.Key}");
        }
    }

    [MeasurementFact(Timeout = 240_000)]
    public async Task FlowSetup_AllocationTicksByType()
    {
        const int Flows = 2000;
        using var l = new Listener();
        await using var server = new TestServer(async (s, ct) =>
        {
            var one = new byte[1];
            while (await s.ReceiveAsync(one, SocketFlags.None, ct) > 0)
            {
            }
        });
        await using var router = TestRouter.Start(TestRouter.Listener("l", "hold") + "," + TestRouter.Connector("c", "hold", server.Port), keepLog: false);
        int port = await router.ListenerPortAsync("l");
        var warm = new List<Socket>();
        for (int i = 0; i < 100; i++)
        {
            warm.Add(await Net.ConnectAsync(port));
        }

        await Poll.UntilAsync(() => server.Accepted == 100, "warm-up flows");
        warm.ForEach(s => s.Dispose());
        await router.AssertIdleAsync();

        long before = GC.GetTotalAllocatedBytes(precise: true);
        l.On = true;
        var sockets = new List<Socket>();
        for (int i = 0; i < Flows; i++)
        {
            sockets.Add(await Net.ConnectAsync(port));
        }

        await Poll.UntilAsync(() => router.Adaptor.Flows.Count == 2 * Flows, "every flow", TimeSpan.FromSeconds(60));
        l.On = false;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"allocated while opening: {allocated / (double)Flows / 1024:F1} KiB per flow (router, client and server)");
        foreach (var kv in l.Types.OrderByDescending(k => k.Value).Take(25))
        {
            output.WriteLine($"{kv.Value,6} ticks (~100 KB each)  {kv.Key}");
        }

        sockets.ForEach(s => s.Dispose());
        await router.AssertIdleAsync();
    }
}
