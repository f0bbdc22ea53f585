using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Messaging;

/// <summary>Pre-settled and unsettled sends: all delivered in order; unsettled ones are accepted end to end.</summary>
public sealed class SettlementTests(ITestOutputHelper output) : InteropTest(output)
{
    private const int Messages = 200;

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Send_AllDelivered(bool presettled)
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Settlement").Listener("amqp"));
        var receiver = StartClient("receiver", "receiver.py", "--url", router.Url(), "--address", "settle.q", "--count", Messages.ToString(), "--timeout", ScriptTimeout);
        await receiver.WaitForEventAsync("attached", EventTimeout);

        string[] args = ["--url", router.Url(), "--address", "settle.q", "--count", Messages.ToString(), "--timeout", ScriptTimeout];
        var sent = await RunClientAsync("sender", "sender.py", presettled ? [.. args, "--presettled"] : args);

        var done = await receiver.DoneAsync(ClientTimeout);
        Assert.Equal(Messages, done.Int("received"));
        Assert.Equal(Enumerable.Range(0, Messages), receiver.EventsNamed("message").Select(m => m.Int("seq")));
        Assert.Equal(Messages, sent.Int("sent"));
        Assert.Equal(presettled ? 0 : Messages, sent.Int("accepted"));
        Assert.Equal(0, sent.Int("released") + sent.Int("rejected") + sent.Int("modified"));
    }

    [Fact(Timeout = 60_000)]
    public async Task ReceiverAsksForPresettled_GetsSettledTransfers_SenderSeesAccepted()
    {
        // A receiver attaching with snd-settle-mode settled: the router sends pre-settled and, having handed the
        // message over, settles the producer's unsettled delivery as accepted.
        var router = await StartRouterAsync(new RouterConfigBuilder("Settlement").Listener("amqp"));
        var receiver = StartClient("receiver", "receiver.py", "--url", router.Url(), "--address", "presettled.rx", "--presettled", "--count", "20", "--timeout", ScriptTimeout);
        await receiver.WaitForEventAsync("attached", EventTimeout);

        var sent = await RunClientAsync("sender", "sender.py", ["--url", router.Url(), "--address", "presettled.rx", "--count", "20", "--timeout", ScriptTimeout]);
        await receiver.DoneAsync(ClientTimeout);

        Assert.Equal(20, sent.Int("accepted"));
        Assert.Equal(20, receiver.EventsNamed("message").Count(m => m.Bool("settled")));
    }

    [Fact(Timeout = 90_000)]
    public async Task PresettledToStuckConsumer_ExcessDropped_ProducerNotBlocked()
    {
        // A consumer that gives no credit: pre-settled deliveries for it queue in the router. Beyond the link capacity
        // (250) the router drops queued pre-settled deliveries, as the C router does, instead of holding them until
        // the producer's session runs out of buffer and stalls.
        // 5000 x 4 KiB is several times what the router lets one session buffer (8 MiB).
        const int messages = 5_000;
        var router = await StartRouterAsync(new RouterConfigBuilder("Stuck").Listener("amqp"));
        var stuck = StartClient("stuck", "stuck.py", "--port", router.Port().ToString(), "--address", "stuck.q", "--timeout", "60");
        await stuck.WaitForEventAsync("attached", EventTimeout);

        var sent = await RunClientAsync("sender", "sender.py", ["--url", router.Url(), "--address", "stuck.q", "--count", messages.ToString(), "--size", "4096", "--presettled", "--timeout", ScriptTimeout]);
        Assert.Equal(messages, sent.Int("sent"));

        stuck.CloseInput(); // now it drains: it gets what the router kept
        var drained = await stuck.DoneAsync(ClientTimeout);
        Assert.InRange(drained.Int("received"), 1, 250);
        Assert.Equal(drained.Int("received"), drained.Int("settled"));
    }
}
