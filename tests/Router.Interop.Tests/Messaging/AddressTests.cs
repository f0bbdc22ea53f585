using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Messaging;

/// <summary>
/// Addresses the router refuses (inter-router-protocol.md §4.1, §4.2): an `address` with distribution unavailable, and
/// a topological address of a router that does not exist.
/// </summary>
public sealed class AddressTests(ITestOutputHelper output) : InteropTest(output)
{
    private Task<RouterProcess> StartAsync() =>
        StartRouterAsync(new RouterConfigBuilder("Addresses").Listener("amqp").Address("unavail", "unavailable"));

    [Theory(Timeout = 60_000)]
    [InlineData("receiver.py")]
    [InlineData("sender.py")]
    public async Task UnavailableAddress_LinkDetachedNotFound(string script)
    {
        var router = await StartAsync();
        var client = await RunClientToExitAsync("client", script, "--url", router.Url(), "--address", "unavail.service", "--count", "1", "--timeout", ScriptTimeout);

        Assert.Equal(2, client.ExitCode);
        var error = Assert.Single(client.EventsNamed("link_error"));
        Assert.Equal("amqp:not-found", error.Str("condition"));
    }

    [Fact(Timeout = 60_000)]
    public async Task UnavailableAddress_AnonymousDelivery_RejectedNotFound()
    {
        var router = await StartAsync();
        var sent = await RunClientAsync("sender", "sender.py", ["--url", router.Url(), "--anonymous", "--address", "unavail.service", "--count", "3", "--timeout", ScriptTimeout]);

        Assert.Equal(3, sent.Int("rejected"));
        Assert.All(sent.GetProperty("rejections").EnumerateArray(), r => Assert.Equal("amqp:not-found", r[0].GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task ReceiverForAnotherRoutersTopologicalAddress_NoRoute()
    {
        var router = await StartAsync();
        var client = await RunClientToExitAsync("client", "receiver.py", "--url", router.Url(), "--address", "amqp:/_topo/0/NoSuchRouter/service", "--count", "1", "--timeout", ScriptTimeout);

        Assert.Equal(2, client.ExitCode);
        var error = Assert.Single(client.EventsNamed("link_error"));
        Assert.Equal("qd:no-route-to-dest", error.Str("condition"));
    }

    [Fact(Timeout = 60_000)]
    public async Task DefaultDistributionUnavailable_UnknownAddressRejected_ConfiguredPrefixServed()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Unavailable")
            .Router(("defaultDistribution", "unavailable"))
            .Listener("amqp")
            .Address("served", "balanced"));

        var rejected = await RunClientAsync("unknown", "sender.py", ["--url", router.Url(), "--anonymous", "--address", "nobody.here", "--count", "2", "--timeout", ScriptTimeout]);
        Assert.Equal(2, rejected.Int("rejected"));
        Assert.All(rejected.GetProperty("rejections").EnumerateArray(), r => Assert.Equal("amqp:not-found", r[0].GetString()));

        var receiver = StartClient("receiver", "receiver.py", "--url", router.Url(), "--address", "served.q", "--count", "2", "--timeout", ScriptTimeout);
        await receiver.WaitForEventAsync("attached", EventTimeout);
        var served = await RunClientAsync("served", "sender.py", ["--url", router.Url(), "--anonymous", "--address", "served.q", "--count", "2", "--timeout", ScriptTimeout]);
        Assert.Equal(2, served.Int("accepted"));
        await receiver.DoneAsync(ClientTimeout);
    }
}
