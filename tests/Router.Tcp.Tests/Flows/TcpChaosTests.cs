using System.Net.Sockets;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Flows;

/// <summary>Many flows ending every way at once, racing the router's own clean-up; then the router must be idle and whole.</summary>
public sealed class TcpChaosTests
{
    [Fact(Timeout = 120_000)]
    public async Task ConcurrentFlowsEndingEveryWay_NoLeak_RouterStillServes()
    {
        await using var server = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", server.Port));
        int port = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));

        for (int round = 0; round < 3; round++)
        {
            var flows = Enumerable.Range(0, 200).Select(i => RunAsync(port, round * 1000 + i, timeout.Token)).ToArray();
            await Task.WhenAll(flows);
            await router.AssertIdleAsync();
        }

        await TcpHalfCloseProbe.EchoOnceAsync(port);
        await router.AssertIdleAsync();
        await Poll.UntilAsync(() => server.Active == 0, "the backend connections to end", state: () => $"active={server.Active}");
        Assert.Empty(server.Errors);
    }

    [Fact(Timeout = 60_000)]
    public async Task RouterStopsWithLiveFlows_ClientsAndServersClosed()
    {
        await using var server = TestServer.Echo();
        var router = TestRouter.Start(TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", server.Port));
        int port = await router.ListenerPortAsync("l");
        var clients = new List<Socket>();
        for (int i = 0; i < 20; i++)
        {
            var s = await Net.ConnectAsync(port);
            await Net.SendAllAsync(s, new byte[] { 1 });
            await Net.ReadExactlyAsync(s, 1);
            clients.Add(s);
        }

        await router.DisposeAsync();
        foreach (var s in clients)
        {
            var (_, _) = await Net.DrainAsync(s).WaitAsync(TimeSpan.FromSeconds(20));
            s.Dispose();
        }

        await Poll.UntilAsync(() => router.Adaptor.Flows.Count == 0 && router.TcpConnectionRows == 0 && router.TempAddresses == 0,
            "every flow to be cleaned up", state: router.Describe);
        await Poll.UntilAsync(() => server.Active == 0, "the backend connections to end");
    }

    /// <summary>One flow, ended by the client in one of several ways chosen by its index.</summary>
    private static async Task RunAsync(int port, int index, CancellationToken ct)
    {
        await Task.Yield();
        Socket s;
        try
        {
            s = await Net.ConnectAsync(port, ct);
        }
        catch (SocketException)
        {
            return;
        }

        var data = new byte[1 + (index * 7919 % 400_000)];
        new Patterns((ulong)index).Fill(data);
        try
        {
            switch (index % 6)
            {
                case 0: // clean: half-close, read everything back
                    {
                        var write = Task.Run(async () =>
                        {
                            await Net.SendAllAsync(s, data, ct);
                            s.Shutdown(SocketShutdown.Send);
                        }, ct);
                        var back = await Net.ReadToEndAsync(s, ct);
                        await write;
                        Assert.Equal(data.Length, back.Length);
                        Assert.True(back.AsSpan().SequenceEqual(data), $"flow {index}: echo differs");
                        s.Dispose();
                        break;
                    }

                case 1: // reset right away
                    Net.Reset(s);
                    break;
                case 2: // reset mid-stream
                    {
                        var write = Net.SendAllAsync(s, data, ct);
                        await Net.ReadExactlyAsync(s, Math.Min(1000, data.Length), ct);
                        Net.Reset(s);
                        await Ignore(write);
                        break;
                    }

                case 3: // full close (FIN both ways) with echo still in flight
                    await Net.SendAllAsync(s, data, ct);
                    s.Dispose();
                    break;
                case 4: // half-close without reading, then close
                    await Net.SendAllAsync(s, data, ct);
                    s.Shutdown(SocketShutdown.Send);
                    s.Dispose();
                    break;
                default: // connect and close at once
                    s.Dispose();
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException && index % 6 != 0)
        {
            s.Dispose();
        }
    }

    private static async Task Ignore(Task t)
    {
        try
        {
            await t;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}

/// <summary>Shared one-shot echo check.</summary>
internal static class TcpHalfCloseProbe
{
    public static async Task EchoOnceAsync(int port)
    {
        using var client = await Net.ConnectAsync(port);
        var data = new byte[200_000];
        new Patterns(77).Fill(data);
        var write = Task.Run(async () =>
        {
            await Net.SendAllAsync(client, data);
            client.Shutdown(SocketShutdown.Send);
        });
        var back = await Net.ReadToEndAsync(client);
        await write;
        Assert.Equal(data, back);
    }
}
