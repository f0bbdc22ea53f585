using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Messaging;

/// <summary>
/// Link credit (transport.xml 2.6.7, inter-router-protocol.md §2.5): a sender to an address without receivers gets
/// no credit, gets it once a receiver attaches; a receiver that drains gets what is queued, then the router ends the
/// drain with credit 0 and the delivery-count advanced over the unused credit. Checked on raw frames.
/// </summary>
public sealed class CreditTests(ITestOutputHelper output) : InteropTest(output)
{
    [Fact(Timeout = 60_000)]
    public async Task CreditFollowsReceivers_AndDrainCompletes()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Credit").Listener("amqp"));
        var client = StartClient("credit", "credit.py", "--port", router.Port().ToString(), "--timeout", "15");
        await client.DoneAsync(ClientTimeout);

        var phases = client.Events.Where(e => e.TryGetProperty("phase", out _)).ToDictionary(e => e.Str("phase")!);
        Assert.Equal(0, phases["no-receiver"].Int("credit"));
        Assert.Equal(0, phases["no-receiver"].Int("flows"));
        Assert.Equal(250, phases["receiver-attached"].Int("credit"));
        Assert.Equal(3, phases["queued"].Int("available"));
        var drained = phases["drained"];
        Assert.Equal(3, drained.Int("transfers"));
        Assert.Equal(0, drained.Int("credit"));
        Assert.Equal(10, drained.Int("delivery_count"));
        Assert.True(drained.Bool("drain"));
    }
}
