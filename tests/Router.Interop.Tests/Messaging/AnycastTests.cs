using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Messaging;

/// <summary>
/// Anycast to several receivers (inter-router-protocol.md §4.2, §4.5, §4.6): every message reaches exactly one of
/// the receivers, and each receiver gets a share, with the default (balanced) treatment and with a `closest` prefix.
/// </summary>
public sealed class AnycastTests(ITestOutputHelper output) : InteropTest(output)
{
    private const int Messages = 300;

    [Theory(Timeout = 90_000)]
    [InlineData("anycast.balanced")]
    [InlineData("closest.service")]
    public async Task ThreeReceivers_EachMessageDeliveredExactlyOnce(string address)
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Anycast").Listener("amqp").Address("closest", "closest"));
        var receivers = Enumerable.Range(0, 3)
            .Select(i => StartClient($"receiver{i}", "receiver.py", "--url", router.Url(), "--address", address, "--timeout", "60"))
            .ToList();
        foreach (var r in receivers)
        {
            await r.WaitForEventAsync("attached", EventTimeout);
        }

        var sent = await RunClientAsync("sender", "sender.py", ["--url", router.Url(), "--address", address, "--count", Messages.ToString(), "--timeout", ScriptTimeout]);
        Assert.Equal(Messages, sent.Int("accepted"));

        // The sender saw every delivery accepted, so every receiver has printed what it got; stop them.
        var perReceiver = new List<List<int>>();
        foreach (var r in receivers)
        {
            r.CloseInput();
            var done = await r.DoneAsync(ClientTimeout);
            var seqs = r.EventsNamed("message").Select(m => m.Int("seq")).ToList();
            Assert.Equal(seqs.Count, done.Int("received"));
            perReceiver.Add(seqs);
        }

        var all = perReceiver.SelectMany(s => s).ToList();
        Assert.Equal(Messages, all.Count);
        Assert.Equal(Enumerable.Range(0, Messages), all.Order());
        Output.WriteLine("distribution: " + string.Join(", ", perReceiver.Select(s => s.Count)));
        if (address.StartsWith("closest", StringComparison.Ordinal))
        {
            // closest rotates strictly among local consumers (forwarder.c qdr_forward_closest_CT).
            Assert.All(perReceiver, seqs => Assert.Equal(Messages / 3, seqs.Count));
        }
        else
        {
            // balanced prefers the least busy consumer and rotates among idle ones: everyone gets a share.
            Assert.All(perReceiver, seqs => Assert.NotEmpty(seqs));
        }
    }
}
