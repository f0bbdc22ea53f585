using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Tcp.Tests.Memory;

/// <summary>
/// The byte window bounds the router's memory (adaptors.md §2.5): with a reader slower than the writer, the reading
/// side stops once 1,459,620 bytes are unacknowledged, so the router's resident set stays small while 1 GiB passes.
/// Runs the real daemon process.
/// </summary>
public sealed class TcpMemoryTests(ITestOutputHelper output)
{
    private const long Total = 1L << 30;
    private const long RssLimit = 200L * 1024 * 1024;

    [Fact(Timeout = 240_000)]
    public async Task SlowReader_OneGiB_RouterRssStaysBounded()
    {
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new TaskCompletionSource<(long Bytes, byte[] Hash)>(TaskCreationOptions.RunContinuationsAsynchronously);
        const double ReadRate = 200e6; // bytes per second, well below what the writer can push

        // The backend: reads nothing until told, then reads at a limited rate.
        await using var sink = new TestServer(async (s, ct) =>
        {
            await resume.Task.WaitAsync(ct);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            long received = 0;
            var clock = Stopwatch.StartNew();
            while (true)
            {
                int n = await s.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (n == 0)
                {
                    break;
                }

                sha.AppendData(buffer, 0, n);
                received += n;
                var ahead = TimeSpan.FromSeconds(received / ReadRate) - clock.Elapsed;
                if (ahead > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(ahead, ct); // rate limiting, not synchronisation
                }
            }

            done.TrySetResult((received, sha.GetHashAndReset()));
        });

        int port = Net.FreePort();
        await using var daemon = await DaemonProcess.StartAsync(
            TestRouter.Listener("l", "sink", port) + "," + TestRouter.Connector("c", "sink", sink.Port),
            "Listener l: listening");
        long baseline = daemon.ResidentBytes();
        long peak = baseline;

        using var client = await Net.ConnectAsync(port);
        long written = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(200));
        var writer = Task.Run(async () =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var pattern = new Patterns(99);
            var buffer = new byte[256 * 1024];
            while (written < Total)
            {
                int n = (int)Math.Min(buffer.Length, Total - written);
                pattern.Fill(buffer.AsSpan(0, n));
                sha.AppendData(buffer, 0, n);
                await Net.SendAllAsync(client, buffer.AsMemory(0, n), timeout.Token);
                Interlocked.Add(ref written, n);
            }

            client.Shutdown(SocketShutdown.Send);
            return sha.GetHashAndReset();
        });

        // Phase 1: the reader reads nothing. The writer must stall after the window plus the sockets' buffers.
        long lastWritten = -1;
        var stalledSince = Stopwatch.StartNew();
        await Poll.UntilAsync(() =>
        {
            peak = Math.Max(peak, daemon.ResidentBytes());
            long now = Interlocked.Read(ref written);
            if (now != lastWritten)
            {
                lastWritten = now;
                stalledSince.Restart();
            }

            return stalledSince.Elapsed > TimeSpan.FromSeconds(1);
        }, "the writer to stall", TimeSpan.FromSeconds(60));
        long stalledAt = Interlocked.Read(ref written);
        output.WriteLine($"writer stalled after {stalledAt:N0} bytes; RSS baseline {baseline / 1048576.0:F1} MiB, peak {peak / 1048576.0:F1} MiB");
        Assert.True(stalledAt < 64L * 1024 * 1024, $"the writer pushed {stalledAt:N0} bytes into a router whose reader reads nothing");
        Assert.False(writer.IsCompleted);

        // Phase 2: the reader reads slowly; the whole GiB passes while the router's memory stays bounded.
        resume.SetResult();
        while (!done.Task.IsCompleted)
        {
            peak = Math.Max(peak, daemon.ResidentBytes());
            await Task.WhenAny(done.Task, Task.Delay(50, timeout.Token));
        }

        var (receivedBytes, receivedHash) = await done.Task;
        var sentHash = await writer;
        output.WriteLine($"1 GiB through a slow reader: RSS baseline {baseline / 1048576.0:F1} MiB, peak {peak / 1048576.0:F1} MiB");
        Assert.Equal(Total, receivedBytes);
        Assert.Equal(Convert.ToHexString(sentHash), Convert.ToHexString(receivedHash));
        Assert.True(peak < RssLimit, $"router RSS peaked at {peak / 1048576.0:F1} MiB (baseline {baseline / 1048576.0:F1} MiB)");
    }
}
