using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Messaging;

/// <summary>
/// Large messages: a 20 MiB unsettled message arrives intact, and a 256 MiB message streamed as one multi-frame
/// delivery passes through while the router's resident memory stays far below the message size
/// (inter-router-protocol.md §7: the router forwards a delivery before it is complete and bounds what it buffers).
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class LargeMessageTests(ITestOutputHelper output) : InteropTest(output)
{
    [Fact(Timeout = 120_000)]
    public async Task TwentyMiB_Unsettled_ReceivedIntact()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Large").Listener("amqp"));
        var receiver = StartClient("receiver", "receiver.py", "--url", router.Url(), "--address", "large.q", "--count", "1", "--sha256", "--timeout", "90");
        await receiver.WaitForEventAsync("attached", EventTimeout);

        var sent = await RunClientAsync("sender", "sender.py", ["--url", router.Url(), "--address", "large.q", "--size", (20 * 1024 * 1024).ToString(), "--sha256", "--timeout", "90"]);
        await receiver.DoneAsync(ClientTimeout);

        var message = Assert.Single(receiver.EventsNamed("message"));
        Assert.Equal(20 * 1024 * 1024, message.Int("size"));
        Assert.Equal(sent.Str("sha256"), message.Str("sha256"));
        Assert.Equal(1, sent.Int("accepted"));
    }

    [Fact(Timeout = 180_000)]
    public async Task Streamed256MiB_PassesThrough_WithBoundedRouterMemory()
    {
        const int mib = 256;
        const long limitKiB = 128 * 1024; // half the message: a router holding the message could not stay under it
        var router = await StartRouterAsync(new RouterConfigBuilder("Stream").Listener("amqp"));
        long baseline = router.ResidentKiB();
        var receiver = StartClient("receiver", "stream_receive.py", "--url", router.Url(), "--address", "stream.q", "--timeout", "150");
        await receiver.WaitForEventAsync("attached", EventTimeout);

        var sender = StartClient("sender", "stream_send.py", "--url", router.Url(), "--address", "stream.q", "--mib", mib.ToString(), "--timeout", "150");
        long peak = baseline;
        int samples = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!sender.HasExited && watch.Elapsed < TimeSpan.FromSeconds(160))
        {
            peak = Math.Max(peak, router.ResidentKiB());
            samples++;
            await Task.WhenAny(sender.Exited, Task.Delay(50));
        }

        var sent = await sender.DoneAsync(ClientTimeout);
        var received = await receiver.DoneAsync(ClientTimeout);
        Output.WriteLine($"router RSS: baseline {baseline} KiB, peak {peak} KiB over {samples} samples");

        long expectedBytes = mib * 1024L * 1024L + 8; // data section header + body
        Assert.Equal("accepted", sent.Str("outcome"));
        Assert.Equal(expectedBytes, sent.Long("bytes"));
        Assert.Equal(expectedBytes, received.Long("bytes"));
        Assert.Equal(sent.Str("sha256"), received.Str("sha256"));
        Assert.True(samples >= 5, $"only {samples} RSS samples were taken");
        Assert.True(peak < limitKiB, $"router RSS peaked at {peak} KiB (baseline {baseline} KiB) while streaming {mib} MiB");
    }

    [Fact(Timeout = 180_000)]
    public async Task Multicast_Streamed128MiB_EveryReceiverGetsIt_WithBoundedRouterMemory()
    {
        const long limitKiB = 128 * 1024;
        var router = await StartRouterAsync(new RouterConfigBuilder("StreamMulticast").Listener("amqp").Address("multicast", "multicast"));
        var receivers = Enumerable.Range(0, 3)
            .Select(i => StartClient($"receiver{i}", "stream_receive.py", "--url", router.Url(), "--address", "multicast.stream", "--timeout", "150"))
            .ToList();
        foreach (var r in receivers)
        {
            await r.WaitForEventAsync("attached", EventTimeout);
        }

        var sender = StartClient("sender", "stream_send.py", "--url", router.Url(), "--address", "multicast.stream", "--mib", "128", "--timeout", "150");
        long peak = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!sender.HasExited && watch.Elapsed < TimeSpan.FromSeconds(160))
        {
            peak = Math.Max(peak, router.ResidentKiB());
            await Task.WhenAny(sender.Exited, Task.Delay(50));
        }

        var sent = await sender.DoneAsync(ClientTimeout);
        Assert.Equal("accepted", sent.Str("outcome"));
        foreach (var r in receivers)
        {
            var done = await r.DoneAsync(ClientTimeout);
            Assert.Equal(sent.Str("sha256"), done.Str("sha256"));
        }

        Output.WriteLine($"router RSS peak {peak} KiB");
        Assert.True(peak < limitKiB, $"router RSS peaked at {peak} KiB while multicasting a 128 MiB stream");
    }

    [Fact(Timeout = 120_000)]
    public async Task StreamingProducerDies_ConsumerSeesAbortedDelivery()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Abort").Listener("amqp"));
        var receiver = StartClient("receiver", "stream_receive.py", "--url", router.Url(), "--address", "abort.q", "--timeout", "60");
        await receiver.WaitForEventAsync("attached", EventTimeout);
        var sender = StartClient("sender", "stream_send.py", "--url", router.Url(), "--address", "abort.q", "--mib", "1024", "--timeout", "60");

        // Once the consumer is reading the stream, the producer's process dies without closing anything.
        await receiver.WaitForEventAsync("progress", EventTimeout);
        sender.Kill();

        Assert.Equal(1, await receiver.WaitForExitAsync(ClientTimeout));
        var aborted = Assert.Single(receiver.EventsNamed("aborted"));
        Assert.True(aborted.Long("bytes") >= 32 * 1024 * 1024);
        Assert.True((await RunClientAsync("after", "connect.py", ["--url", router.Url(), "--timeout", ScriptTimeout])).Bool("roundtrip"));
    }

    [Fact(Timeout = 120_000)]
    public async Task StreamingProducerAborts_ConsumerSeesAbortedDelivery()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Abort").Listener("amqp"));
        var receiver = StartClient("receiver", "stream_receive.py", "--url", router.Url(), "--address", "abort.q", "--timeout", "60");
        await receiver.WaitForEventAsync("attached", EventTimeout);

        // The producer sends 40 MiB of a 256 MiB delivery, then a transfer with aborted=true.
        var sender = await RunClientAsync("sender", "stream_send.py", ["--url", router.Url(), "--address", "abort.q", "--mib", "256", "--abort-after", "40", "--timeout", "60"], exitCode: 0);
        Assert.True(sender.Bool("aborted"));

        Assert.Equal(1, await receiver.WaitForExitAsync(ClientTimeout));
        var aborted = Assert.Single(receiver.EventsNamed("aborted"));
        Assert.InRange(aborted.Long("bytes"), 1, 40L * 1024 * 1024 + 8);
    }

    [Fact(Timeout = 120_000)]
    public async Task StreamingConsumerDies_ProducerSeesModified()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("ConsumerGone").Listener("amqp"));
        var receiver = StartClient("receiver", "stream_receive.py", "--url", router.Url(), "--address", "gone.q", "--timeout", "60");
        await receiver.WaitForEventAsync("attached", EventTimeout);
        var sender = StartClient("sender", "stream_send.py", "--url", router.Url(), "--address", "gone.q", "--mib", "1024", "--timeout", "60");

        await receiver.WaitForEventAsync("progress", EventTimeout);
        receiver.Kill();

        // The delivery was forwarded but never settled by its consumer: the producer learns it failed (modified,
        // delivery-failed) while it is still streaming, as from the C router's link clean-up.
        Assert.Equal(1, await sender.WaitForExitAsync(ClientTimeout));
        var done = Assert.Single(sender.EventsNamed("done"));
        Assert.Equal("modified", done.Str("outcome"));
        Assert.True((await RunClientAsync("after", "connect.py", ["--url", router.Url(), "--timeout", ScriptTimeout])).Bool("roundtrip"));
    }
}

/// <summary>Tests that move hundreds of MiB run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class HeavyCollection
{
    public const string Name = "heavy";
}
