using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;
using Xunit;
using static Skrouterd.Tests.Management.Agent.AgentHarness;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>The activated agent reached through the router core by in-process clients (no sockets).</summary>
public sealed class AgentEndpointTests : IAsyncLifetime
{
    private readonly AgentHarness _h = new();

    public Task InitializeAsync()
    {
        _h.Agent.Activate();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _h.Agent.DisposeAsync();
        _h.Dispose();
    }

    [Theory]
    [InlineData("$management")]
    [InlineData("amqp:/_topo/0/Router.A/$management")]
    [InlineData("_local/$management")]
    [InlineData("_local/$_management_internal")]
    public async Task Request_Answered_CorrelationIdKeepsItsType_RequestAccepted(string address)
    {
        using var client = new InProcessClient(_h.Core);
        Assert.True(client.Send(InProcessClient.Encode(["operation", "QUERY", "entityType", "io.skupper.router.router"],
            Map("attributeNames", List("id")), 70001UL, client.ReplyTo), address));
        var reply = await client.ReceiveAsync();
        Assert.Equal(70001UL, reply.Properties!.CorrelationId);
        Assert.Equal(client.ReplyTo, reply.Properties.To);
        Assert.Equal(false, reply.Header!.Durable);
        Assert.Equal(200, reply.ApplicationProperties!["statusCode"]);
        Assert.Equal("OK", reply.ApplicationProperties["statusDescription"]);
        Assert.Equal(List(List("Router.A")), ((AmqpMap)reply.Value!)["results"]);
        Assert.Equal(DeliveryStateKind.Accepted, (await client.OutcomeAsync()).Kind);
    }

    [Fact]
    public async Task CorrelationIds_OfEveryType_Echoed()
    {
        using var client = new InProcessClient(_h.Core);
        object[] ids = ["abc", 5UL, Guid.NewGuid(), new byte[] { 1, 2, 3 }, new AmqpSymbol("sym")];
        foreach (var id in ids)
        {
            client.Send(InProcessClient.Encode(["operation", "GET-ANNOTATIONS"], null, id, client.ReplyTo));
            var reply = await client.ReceiveAsync();
            Assert.Equal(id, reply.Properties!.CorrelationId);
        }
    }

    [Fact]
    public async Task RequestWithoutReplyTo_AcceptedNotAnswered()
    {
        using var client = new InProcessClient(_h.Core);
        client.Send(InProcessClient.Encode(["operation", "GET-ANNOTATIONS"], null, 1UL, replyTo: null));
        Assert.Equal(DeliveryStateKind.Accepted, (await client.OutcomeAsync()).Kind);
        client.Send(InProcessClient.Encode(["operation", "GET-ANNOTATIONS"], null, 2UL, client.ReplyTo));
        Assert.Equal(2UL, (await client.ReceiveAsync()).Properties!.CorrelationId); // requests are answered in order
    }

    [Fact]
    public async Task UndecodableRequest_AcceptedNotAnswered()
    {
        using var client = new InProcessClient(_h.Core);
        client.Send([0x00, 0x53, 0x74, 0xd1, 0xff]);
        Assert.Equal(DeliveryStateKind.Accepted, (await client.OutcomeAsync()).Kind);
        client.Send(InProcessClient.Encode(["operation", "GET-ANNOTATIONS"], null, 3UL, client.ReplyTo));
        Assert.Equal(3UL, (await client.ReceiveAsync()).Properties!.CorrelationId);
    }

    [Fact]
    public async Task StreamedRequest_AnsweredOnceComplete()
    {
        using var client = new InProcessClient(_h.Core);
        byte[] request = InProcessClient.Encode(["operation", "GET-ANNOTATIONS"], null, 9UL, client.ReplyTo);
        client.Send(request[..10], complete: false);
        await Task.Yield();
        Assert.False(client.TryReceiveNow(out _));
        var message = client.LastMessage!;
        message.Append(request.AsSpan(10), request.Length - 10);
        message.Complete();
        message.WakeConsumers();
        Assert.Equal(9UL, (await client.ReceiveAsync()).Properties!.CorrelationId);
    }

    [Fact]
    public async Task ManyConcurrentClients_AllAnswered()
    {
        const int Clients = 8;
        const int PerClient = 100;
        var tasks = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var client = new InProcessClient(_h.Core);
            for (int i = 0; i < PerClient; i++)
            {
                client.Send(InProcessClient.Encode(["operation", "QUERY", "entityType", "io.skupper.router.connection"],
                    Map("attributeNames", List("identity")), (ulong)i, client.ReplyTo));
            }

            for (int i = 0; i < PerClient; i++)
            {
                var reply = await client.ReceiveAsync(TimeSpan.FromSeconds(30));
                Assert.Equal((ulong)i, reply.Properties!.CorrelationId);
                Assert.Equal(200, reply.ApplicationProperties!["statusCode"]);
            }
        })).ToArray();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task AgentSubscriptions_NotLinks_CountedAsInProcess()
    {
        using var client = new InProcessClient(_h.Core);
        client.Send(InProcessClient.Encode(["operation", "QUERY", "entityType", "io.skupper.router.router.link"],
            Map("attributeNames", List("linkName", "owningAddr")), 1UL, client.ReplyTo));
        var links = (List<object?>)((AmqpMap)(await client.ReceiveAsync()).Value!)["results"]!;
        var link = (List<object?>)Assert.Single(links)!; // the client's reply receiver, not the agent's subscriptions
        Assert.Equal("replies", link[0]);

        client.Send(InProcessClient.Encode(["operation", "QUERY", "entityType", "io.skupper.router.router.address"],
            Map("attributeNames", List("name", "inProcess", "subscriberCount", "distribution", "deliveriesToContainer", "deliveriesEgress")), 2UL, client.ReplyTo));
        var rows = ((List<object?>)((AmqpMap)(await client.ReceiveAsync()).Value!)["results"]!).Cast<List<object?>>().ToList();
        var management = rows.Single(r => (string)r[0]! == "M$management");
        Assert.Equal(List("M$management", 1U, 0U, "closest", 2UL, 0UL), management);
        Assert.Contains(rows, r => (string)r[0]! == "L$management");
        Assert.Contains(rows, r => (string)r[0]! == "L$_management_internal");
    }
}
