using System.Text.Json;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Messaging;

/// <summary>
/// Outcomes travel back to the producer: a receiver that releases, rejects (with an error) or modifies, and a message
/// on an anonymous link to an address nobody serves (released by the router).
/// </summary>
public sealed class OutcomeTests(ITestOutputHelper output) : InteropTest(output)
{
    private const int Messages = 5;

    [Theory(Timeout = 60_000)]
    [InlineData("release", "released")]
    [InlineData("reject", "rejected")]
    [InlineData("modify", "modified")]
    [InlineData("accept", "accepted")]
    public async Task ReceiverOutcome_ReachesSender(string action, string outcome)
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Outcomes").Listener("amqp"));
        var receiver = StartClient("receiver", "receiver.py", "--url", router.Url(), "--address", "outcome.q", "--action", action, "--count", Messages.ToString(), "--timeout", ScriptTimeout);
        await receiver.WaitForEventAsync("attached", EventTimeout);

        var sent = await RunClientAsync("sender", "sender.py", ["--url", router.Url(), "--address", "outcome.q", "--count", Messages.ToString(), "--timeout", ScriptTimeout]);
        await receiver.DoneAsync(ClientTimeout);

        Assert.Equal(Messages, sent.Int(outcome));
        if (outcome == "rejected")
        {
            // The receiver's error condition and description reach the sender unchanged.
            Assert.All(sent.GetProperty("rejections").EnumerateArray(), r =>
            {
                Assert.Equal("test:rejected", r[0].GetString());
                Assert.Equal("rejected by the test receiver", r[1].GetString());
            });
            Assert.Equal(Messages, sent.GetProperty("rejections").GetArrayLength());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task AnonymousSender_UnknownAddress_Released()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Outcomes").Listener("amqp"));
        var sent = await RunClientAsync("sender", "sender.py", ["--url", router.Url(), "--anonymous", "--address", "nobody.listens.here", "--count", Messages.ToString(), "--timeout", ScriptTimeout]);
        Assert.Equal(Messages, sent.Int("released"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AnonymousSender_KnownAddress_Delivered()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Outcomes").Listener("amqp"));
        var receiver = StartClient("receiver", "receiver.py", "--url", router.Url(), "--address", "anon.q", "--count", Messages.ToString(), "--timeout", ScriptTimeout);
        await receiver.WaitForEventAsync("attached", EventTimeout);

        var sent = await RunClientAsync("sender", "sender.py", ["--url", router.Url(), "--anonymous", "--address", "anon.q", "--count", Messages.ToString(), "--timeout", ScriptTimeout]);
        JsonElement done = await receiver.DoneAsync(ClientTimeout);
        Assert.Equal(Messages, sent.Int("accepted"));
        Assert.Equal(Messages, done.Int("received"));
    }
}
