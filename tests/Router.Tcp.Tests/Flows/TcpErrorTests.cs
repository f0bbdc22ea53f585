using System.Net.Sockets;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Flows;

/// <summary>Backends that refuse or drop connections, clients that vanish (adaptors.md §2.6, §2.7).</summary>
public sealed class TcpErrorTests
{
    [Fact(Timeout = 60_000)]
    public async Task BackendRefuses_ClientAcceptedThenClosed_DeliveryReleased_OtherFlowsServed()
    {
        int deadPort = Net.FreePort();
        await using var echo = TestServer.Echo();
        await using var router = TestRouter.Start(
            TestRouter.Listener("dead-l", "dead") + "," + TestRouter.Connector("dead-c", "dead", deadPort) + "," +
            TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", echo.Port));
        int port = await router.ListenerPortAsync("dead-l");
        int echoPort = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));

        const int Clients = 20;
        var clients = new Task<(long Bytes, SocketError End)>[Clients];
        for (int i = 0; i < Clients; i++)
        {
            clients[i] = ConnectSendAndDrainAsync(port, timeout.Token);
        }

        // Meanwhile another service on the same router works.
        using (var client = await Net.ConnectAsync(echoPort, timeout.Token))
        {
            await Net.SendAllAsync(client, "ping"u8.ToArray(), timeout.Token);
            Assert.Equal("ping"u8.ToArray(), await Net.ReadExactlyAsync(client, 4, timeout.Token));
        }

        foreach (var (bytes, end) in await Task.WhenAll(clients))
        {
            Assert.NotEqual(SocketError.ConnectionRefused, end); // the listener stays open: the address has a consumer
            Assert.Equal(0, bytes); // closed (FIN or reset) with nothing sent back
        }

        Assert.Equal(Clients, Interlocked.Read(ref router.ConnectorNamed("dead-c").Receiver.Outcomes.Released));
        await router.AssertIdleAsync();
        Assert.Equal("up", router.ListenerNamed("dead-l").OperStatus); // the consumer stays: the listener keeps accepting
    }

    /// <summary>Connects, sends a little, reads until the router closes the connection (a reset may come first).</summary>
    private static async Task<(long Bytes, SocketError End)> ConnectSendAndDrainAsync(int port, CancellationToken ct)
    {
        Socket s;
        try
        {
            s = await Net.ConnectAsync(port, ct);
        }
        catch (SocketException e)
        {
            return (0, e.SocketErrorCode); // accepted and reset before the connect completed here
        }

        using (s)
        {
            try
            {
                await Net.SendAllAsync(s, new byte[100], ct);
            }
            catch (SocketException)
            {
                // The router may already have closed it (with a reset: unread bytes were pending).
            }

            return await Net.DrainAsync(s, ct);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BackendClosesMidStream_ClientSeesClose_NoLeak(bool reset)
    {
        await using var server = new TestServer(async (s, ct) =>
        {
            // Echo about 1 MB, then go away while the client is still sending.
            var buffer = new byte[64 * 1024];
            long seen = 0;
            while (seen < 1_000_000)
            {
                int n = await s.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (n == 0)
                {
                    return;
                }

                await Net.SendAllAsync(s, buffer.AsMemory(0, n), ct);
                seen += n;
            }

            if (reset)
            {
                s.LingerState = new LingerOption(true, 0);
            }
            else
            {
                s.Shutdown(SocketShutdown.Both);
            }
        });
        await using var router = TestRouter.Start(TestRouter.Listener("l", "svc") + "," + TestRouter.Connector("c", "svc", server.Port));
        int port = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));

        using (var client = await Net.ConnectAsync(port, timeout.Token))
        {
            var drain = Net.DrainAsync(client, timeout.Token);
            var chunk = new byte[64 * 1024];
            long sent = 0;
            try
            {
                // Keep sending until the router closes the client (at most 64 MB: the close must come long before).
                while (sent < 64_000_000 && !drain.IsCompleted)
                {
                    await Net.SendAllAsync(client, chunk, timeout.Token);
                    sent += chunk.Length;
                }
            }
            catch (SocketException)
            {
            }

            var (received, _) = await drain;
            Assert.True(drain.IsCompleted);
            Assert.True(received >= 0);
            Assert.True(sent < 64_000_000, "the client was never closed");
        }

        await router.AssertIdleAsync();
        await Poll.UntilAsync(() => server.Active == 0, "the backend's handler to finish", state: () => $"active={server.Active}");
    }

    [Fact(Timeout = 60_000)]
    public async Task ClientResetsMidStream_NoLeakedFlow()
    {
        await using var server = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", server.Port));
        int port = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));

        for (int round = 0; round < 10; round++)
        {
            var client = await Net.ConnectAsync(port, timeout.Token);
            var data = new byte[3_000_000];
            var send = Net.SendAllAsync(client, data, timeout.Token);
            await Net.ReadExactlyAsync(client, 100_000 * (round + 1), timeout.Token); // mid-stream: echo is flowing
            Net.Reset(client);
            try
            {
                await send;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        }

        await router.AssertIdleAsync();
        await Poll.UntilAsync(() => server.Active == 0, "the backend connections to end", state: () => $"active={server.Active}");
        Assert.Empty(server.Errors);
    }
}
