using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Routing;

/// <summary>
/// Balanced distribution of flows over two tcpConnectors of one address on one router (adaptors.md §3,
/// inter-router-protocol.md §4.5, local part): every open flow is an unsettled delivery on its connector's link, so a
/// new flow goes to the connector with the fewest open flows.
/// </summary>
public sealed class TcpDistributionTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<int, string> _owner = new();
    private TestServer _a = null!;
    private TestServer _b = null!;

    public Task InitializeAsync()
    {
        _a = new TestServer((s, ct) => ServeAsync("A", s, ct));
        _b = new TestServer((s, ct) => ServeAsync("B", s, ct));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    /// <summary>Each client first sends its 4-byte id; the backend records which server got it, then echoes.</summary>
    private async Task ServeAsync(string name, Socket s, CancellationToken ct)
    {
        var id = await Net.ReadExactlyAsync(s, 4, ct);
        _owner[BinaryPrimitives.ReadInt32BigEndian(id)] = name;
        await Net.SendAllAsync(s, id, ct);
        await TestServer.EchoAsync(s, ct);
    }

    /// <summary>Opens a flow and waits until the backend has it (its id echoed).</summary>
    private static async Task<Socket> OpenFlowAsync(int port, int id, CancellationToken ct)
    {
        var s = await Net.ConnectAsync(port, ct);
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, id);
        await Net.SendAllAsync(s, bytes, ct);
        Assert.Equal(bytes, await Net.ReadExactlyAsync(s, 4, ct));
        return s;
    }

    private int Count(string name, IEnumerable<int> ids) => ids.Count(i => _owner[i] == name);

    [Fact(Timeout = 90_000)]
    public async Task TwoConnectors_FlowsBalanced_ThenOneRemoved_AllGoToTheOther()
    {
        await using var router = TestRouter.Start(
            TestRouter.Listener("l", "svc") + "," + TestRouter.Connector("ca", "svc", _a.Port) + "," + TestRouter.Connector("cb", "svc", _b.Port));
        int port = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(80));
        var open = new Dictionary<int, Socket>();

        // 1. Many flows opened at once spread evenly.
        const int Concurrent = 60;
        var sockets = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => OpenFlowAsync(port, i, timeout.Token)));
        for (int i = 0; i < Concurrent; i++)
        {
            open[i] = sockets[i];
        }

        int a = Count("A", open.Keys), b = Count("B", open.Keys);
        Assert.True(Math.Abs(a - b) <= 2, $"concurrent flows: A={a} B={b}");

        // 2. Flows opened one by one keep the open counts within one of each other.
        for (int i = 100; i < 120; i++)
        {
            open[i] = await OpenFlowAsync(port, i, timeout.Token);
            a = Count("A", open.Keys);
            b = Count("B", open.Keys);
            Assert.True(Math.Abs(a - b) <= 1, $"sequential flow {i}: A={a} B={b}");
        }

        // 3. The fewest open flows win, not a turn: close 10 of A's flows, and the next 10 all go to A.
        foreach (int id in open.Keys.Where(i => _owner[i] == "A").Take(10).ToList())
        {
            open[id].Shutdown(SocketShutdown.Send);
            await Net.ReadToEndAsync(open[id], timeout.Token);
            open[id].Dispose();
            open.Remove(id);
        }

        int unsettledBefore = router.ConnectorNamed("ca").Receiver.UnsettledCount;
        await Poll.UntilAsync(() => router.ConnectorNamed("ca").Receiver.UnsettledCount == Count("A", open.Keys), "A's closed flows to be settled",
            state: () => $"unsettled A={router.ConnectorNamed("ca").Receiver.UnsettledCount} open A={Count("A", open.Keys)} before={unsettledBefore}");
        for (int i = 200; i < 210; i++)
        {
            open[i] = await OpenFlowAsync(port, i, timeout.Token);
            Assert.Equal("A", _owner[i]);
        }

        // 4. Connector A removed: new flows all go to B at once; A's live flows go on.
        Assert.True(router.Host.Delete("tcpConnector", "ca"));
        for (int i = 300; i < 320; i++)
        {
            open[i] = await OpenFlowAsync(port, i, timeout.Token);
            Assert.Equal("B", _owner[i]);
        }

        int oldOnA = open.Keys.First(i => i < 300 && _owner[i] == "A");
        await Net.SendAllAsync(open[oldOnA], "still"u8.ToArray(), timeout.Token);
        Assert.Equal("still"u8.ToArray(), await Net.ReadExactlyAsync(open[oldOnA], 5, timeout.Token));

        foreach (var s in open.Values)
        {
            s.Shutdown(SocketShutdown.Send);
            await Net.ReadToEndAsync(s, timeout.Token);
            s.Dispose();
        }

        await router.AssertIdleAsync();
        Assert.Equal(0, _a.Active);
        Assert.Equal(0, _b.Active);
    }

    [Fact(Timeout = 60_000)]
    public async Task SingleConnector_EveryFlowGoesToIt()
    {
        await using var router = TestRouter.Start(TestRouter.Listener("l", "svc") + "," + TestRouter.Connector("cb", "svc", _b.Port));
        int port = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var sockets = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => OpenFlowAsync(port, i, timeout.Token)));
        Assert.Equal(30, Count("B", Enumerable.Range(0, 30)));
        Assert.Equal(30, router.ConnectorNamed("cb").Receiver.UnsettledCount);
        foreach (var s in sockets)
        {
            s.Dispose();
        }

        await router.AssertIdleAsync();
    }
}
