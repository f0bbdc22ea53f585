using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Tcp.Tests.Echo;

/// <summary>Bytes through a tcpListener → tcpConnector on one router, to an echo server and back.</summary>
public sealed class TcpEchoTests(ITestOutputHelper output)
{
    [Fact(Timeout = 30_000)]
    public async Task SmallEcho_ComesBack_AndFlowEnds()
    {
        await using var server = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", server.Port));
        int port = await router.ListenerPortAsync("l");
        using (var client = await Net.ConnectAsync(port))
        {
            var payload = "hello, router"u8.ToArray();
            await Net.SendAllAsync(client, payload);
            Assert.Equal(payload, await Net.ReadExactlyAsync(client, payload.Length));
            client.Shutdown(SocketShutdown.Send);
            Assert.Empty(await Net.ReadToEndAsync(client));
        }

        await router.AssertIdleAsync();
        Assert.Empty(server.Errors);
    }

    [Fact(Timeout = 240_000)]
    public async Task OneGiB_EchoedIntact_Sha256Matches()
    {
        const long Total = 1L << 30;
        await using var server = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", server.Port));
        int port = await router.ListenerPortAsync("l");
        using var client = await Net.ConnectAsync(port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(200));
        var watch = Stopwatch.StartNew();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var send = Task.Run(async () =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var pattern = new Patterns(1);
            var buffer = new byte[256 * 1024];
            long sent = 0;
            while (sent < Total)
            {
                int n = (int)Math.Min(buffer.Length - (sent % 7919), Total - sent); // vary the write sizes
                pattern.Fill(buffer.AsSpan(0, n));
                sha.AppendData(buffer, 0, n);
                await Net.SendAllAsync(client, buffer.AsMemory(0, n), timeout.Token);
                sent += n;
            }

            client.Shutdown(SocketShutdown.Send);
            return sha.GetHashAndReset();
        });

        var receive = Task.Run(async () =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[256 * 1024];
            long received = 0;
            while (true)
            {
                int n = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (n == 0)
                {
                    break;
                }

                sha.AppendData(buffer, 0, n);
                received += n;
            }

            return (received, sha.GetHashAndReset());
        });

        byte[] sentHash = await send;
        var (receivedBytes, receivedHash) = await receive;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"1 GiB echoed in {watch.Elapsed.TotalSeconds:F1} s ({2.0 * Total / watch.Elapsed.TotalSeconds / 1e6:F0} MB/s both ways); " +
            $"{allocated / 1048576.0:F1} MiB allocated in the process (router, client, echo server)");
        Assert.Equal(Total, receivedBytes);
        Assert.Equal(Convert.ToHexString(sentHash), Convert.ToHexString(receivedHash));
        client.Dispose();
        await router.AssertIdleAsync();
        Assert.Empty(server.Errors);
        var listener = router.ListenerNamed("l");
        Assert.Equal(Total, Interlocked.Read(ref listener.Counters.BytesIn));
        Assert.Equal(Total, Interlocked.Read(ref listener.Counters.BytesOut));
    }

    [Fact(Timeout = 120_000)]
    public async Task FiveHundredConcurrentFlows_EachGetsItsOwnEcho()
    {
        const int Flows = 500;
        await using var server = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", server.Port));
        int port = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));

        var flows = new Task<string?>[Flows];
        for (int i = 0; i < Flows; i++)
        {
            flows[i] = RunFlowAsync(port, i, timeout.Token);
        }

        var failures = (await Task.WhenAll(flows)).Where(f => f is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} flows failed: {string.Join("; ", failures.Take(5))}");
        Assert.Equal(Flows, server.Accepted);
        await router.AssertIdleAsync();
        Assert.Empty(server.Errors);
        Assert.Equal(Flows, Interlocked.Read(ref router.ListenerNamed("l").Counters.ConnectionsClosed));
    }

    /// <summary>One client: its own pattern and length, written and read concurrently, checked byte by byte.</summary>
    private static async Task<string?> RunFlowAsync(int port, int index, CancellationToken ct)
    {
        await Task.Yield();
        int length = 1 + (int)((uint)(index * 2654435761u) % (96 * 1024));
        try
        {
            using var s = await Net.ConnectAsync(port, ct);
            var data = new byte[length];
            new Patterns((ulong)index + 1000).Fill(data);
            var write = Task.Run(async () =>
            {
                for (int offset = 0; offset < length; offset += 8192)
                {
                    await Net.SendAllAsync(s, data.AsMemory(offset, Math.Min(8192, length - offset)), ct);
                }

                s.Shutdown(SocketShutdown.Send);
            }, ct);
            var echoed = await Net.ReadToEndAsync(s, ct);
            await write;
            if (echoed.Length != length)
            {
                return $"flow {index}: {echoed.Length} of {length} bytes";
            }

            int diff = echoed.AsSpan().CommonPrefixLength(data);
            return diff == length ? null : $"flow {index}: byte {diff} differs";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return $"flow {index}: {e.GetType().Name} {e.Message}";
        }
    }
}
