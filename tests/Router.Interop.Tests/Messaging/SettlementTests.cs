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
}
