using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Messaging;

/// <summary>Multicast (an `address` prefix with distribution multicast): every receiver gets every message.</summary>
public sealed class MulticastTests(ITestOutputHelper output) : InteropTest(output)
{
    private const int Messages = 100;

    [Theory(Timeout = 90_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThreeReceivers_EachGetsAllMessages(bool presettled)
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Multicast").Listener("amqp").Address("multicast", "multicast"));
        const string address = "multicast.news";
        var receivers = Enumerable.Range(0, 3)
            .Select(i => StartClient($"receiver{i}", "receiver.py", "--url", router.Url(), "--address", address, "--count", Messages.ToString(), "--timeout", ScriptTimeout))
            .ToList();
        foreach (var r in receivers)
        {
            await r.WaitForEventAsync("attached", EventTimeout);
        }

        string[] args = ["--url", router.Url(), "--address", address, "--count", Messages.ToString(), "--timeout", ScriptTimeout];
        var sent = await RunClientAsync("sender", "sender.py", presettled ? [.. args, "--presettled"] : args);
        Assert.Equal(Messages, sent.Int("sent"));
        if (!presettled)
        {
            // The router settles a multicast delivery once every copy is settled, with the strongest outcome.
            Assert.Equal(Messages, sent.Int("accepted"));
        }

        foreach (var r in receivers)
        {
            var done = await r.DoneAsync(ClientTimeout);
            Assert.Equal(Messages, done.Int("received"));
            Assert.Equal(Enumerable.Range(0, Messages), r.EventsNamed("message").Select(m => m.Int("seq")));
        }
    }
}
