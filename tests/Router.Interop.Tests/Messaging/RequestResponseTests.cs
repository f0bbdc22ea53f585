using System.Text.RegularExpressions;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Messaging;

/// <summary>
/// Request/response through a dynamic reply-to (inter-router-protocol.md §4.1): a receiver with a dynamic source gets
/// `amqp:/_topo/0/&lt;router-id&gt;/temp.&lt;15 chars&gt;`, and a responder's replies sent there on an anonymous link arrive.
/// </summary>
public sealed class RequestResponseTests(ITestOutputHelper output) : InteropTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task DynamicReplyTo_RepliesArrive()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("ReqResp").Listener("amqp"));
        var responder = StartClient("responder", "respond.py", "--url", router.Url(), "--address", "service.echo", "--timeout", ScriptTimeout);
        await responder.WaitForEventAsync("attached", EventTimeout);

        var result = await RunClientAsync("requester", "request.py", ["--url", router.Url(), "--address", "service.echo", "--count", "10", "--timeout", ScriptTimeout]);
        responder.CloseInput();
        var served = await responder.DoneAsync(ClientTimeout);

        Assert.Matches(new Regex(@"^amqp:/_topo/0/ReqResp/temp\.[A-Za-z0-9+_]{15}$"), result.Str("reply_to"));
        Assert.Equal(10, result.Int("replies"));
        Assert.Equal(0, result.Int("mismatched"));
        Assert.Equal(10, served.Int("requests"));
        Assert.Equal(10, served.Int("replies_accepted"));
    }
}
