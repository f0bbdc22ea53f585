using Skrouterd.Amqp.Codec;
using Skrouterd.Management;
using Skrouterd.Routing;
using Xunit;
using static Skrouterd.Tests.Management.Agent.AgentHarness;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>The entity types of the C router's core agent (router, connection, links, addresses, configured addresses).</summary>
public sealed class CoreAgentTests
{
    private static readonly string[] s_routerColumns =
    [
        "name", "identity", "id", "type", "mode", "area", "vanId", "version", "metadata", "addrCount", "linkCount",
        "nodeCount", "autoLinkCount", "connectionCount", "presettledDeliveries", "droppedPresettledDeliveries",
        "acceptedDeliveries", "rejectedDeliveries", "releasedDeliveries", "modifiedDeliveries",
        "deliveriesDelayed1Sec", "deliveriesDelayed10Sec", "deliveriesStuck", "deliveriesIngress",
        "deliveriesEgress", "deliveriesTransit", "deliveriesIngressRouteContainer", "deliveriesEgressRouteContainer",
        "deliveriesRedirectedToFallback", "linksBlocked", "uptimeSeconds", "memoryUsage", "workerThreads",
        "residentMemoryUsage", "connectionCounters",
    ];

    [Fact]
    public void QueryRouter_AllColumnsInCOrder_WithCTypes()
    {
        using var h = new AgentHarness("""[["router", {"id": "R1", "mode": "edge", "metadata": "{\"id\":\"site\"}"}]]""");
        var response = h.Send(["operation", "QUERY", "entityType", "io.skupper.router.router"], Map("attributeNames", List()));
        Assert.Equal(200, response.Status);
        Assert.True(response.DescriptionFirst);
        var rows = Rows(response);
        var row = Assert.Single(rows);
        Assert.Equal(s_routerColumns, row.Keys);
        Assert.Equal("R1", row["name"]);
        Assert.Equal("1", row["identity"]);
        Assert.Equal("io.skupper.router.router", row["type"]);
        Assert.Equal("edge", row["mode"]);
        Assert.Equal("0", row["area"]);
        Assert.Null(row["vanId"]);
        Assert.Equal("2.7.6", row["version"]);
        Assert.Equal("{\"id\":\"site\"}", row["metadata"]);
        Assert.IsType<ulong>(row["addrCount"]);
        Assert.IsType<ulong>(row["acceptedDeliveries"]);
        Assert.IsType<uint>(row["linksBlocked"]);
        Assert.IsType<uint>(row["uptimeSeconds"]);
        Assert.Equal(4, row["workerThreads"]);
        Assert.IsType<ulong>(row["memoryUsage"]);
        Assert.Equal(["tcp", "amqp", "http1", "http2"], Keys(row["connectionCounters"]));
    }

    [Fact]
    public void QueryRouter_OffsetBeyondTheRow_NoRows()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "QUERY", "entityType", "io.skupper.router.router", "offset", 1L]);
        Assert.Empty(Rows(response));
    }

    [Theory]
    [InlineData("READ")]
    [InlineData("CREATE")]
    [InlineData("DELETE")]
    public void Router_ReadCreateDelete_Forbidden(string operation)
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", operation, "type", "io.skupper.router.router", "name", "Router.A"]);
        Assert.Equal(403, response.Status);
        Assert.Equal("Forbidden", response.Description);
        Assert.Empty((AmqpMap)response.Body!);
    }

    [Fact]
    public void QueryConnection_ListsConnectionsWithTheCColumns()
    {
        using var h = new AgentHarness();
        var c = new FakeConnection(h.Core, ConnectionRole.Normal, incoming: false, "peer.example:5672");
        var response = h.Send(["operation", "QUERY", "entityType", "io.skupper.router.connection"]);
        var row = Assert.Single(Rows(response));
        Assert.Equal(25, row.Count);
        Assert.Equal("connection/peer.example:5672", row["name"]);
        Assert.Equal(c.Identity.ToString(System.Globalization.CultureInfo.InvariantCulture), row["identity"]);
        Assert.Equal("out", row["dir"]);
        Assert.Equal("normal", row["role"]);
        Assert.Equal("peer-container", row["container"]);
        Assert.Equal(true, row["active"]);
        Assert.Equal("enabled", row["adminStatus"]);
        Assert.Equal("up", row["operStatus"]);
        Assert.IsType<long>(row["sslSsf"]);
        Assert.IsType<uint>(row["uptimeSeconds"]);
        Assert.Null(row["lastDlvSeconds"]);
        Assert.Empty((AmqpMap)row["properties"]!);
    }

    [Fact]
    public void QueryConnection_AttributeNames_UnknownNameSelectsNameColumn_NonStringIsNull()
    {
        using var h = new AgentHarness();
        new FakeConnection(h.Core, ConnectionRole.Normal, incoming: true, "10.0.0.1:1234");
        var response = h.Send(["operation", "QUERY", "entityType", "io.skupper.router.connection"],
            Map("attributeNames", List("role", "noSuchAttribute", 7)));
        var body = (AmqpMap)response.Body!;
        Assert.Equal(List("role", "name"), body["attributeNames"]);
        Assert.Equal(List(List("normal", "connection/10.0.0.1:1234", null)), body["results"]);
    }

    [Fact]
    public void QueryConnection_OffsetAndCount_Page()
    {
        using var h = new AgentHarness();
        for (int i = 0; i < 5; i++)
        {
            new FakeConnection(h.Core, ConnectionRole.Normal, incoming: true, $"10.0.0.{i}:1");
        }

        var page = h.Send(["operation", "QUERY", "entityType", "io.skupper.router.connection", "offset", 1L, "count", 2L],
            Map("attributeNames", List("host")));
        Assert.Equal(["10.0.0.1:1", "10.0.0.2:1"], Rows(page).Select(r => (string)r["host"]!));
    }

    [Fact]
    public void ReadConnection_ByName_IdentityRequired()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "READ", "type", "io.skupper.router.connection", "name", "connection/x"]);
        Assert.Equal(400, response.Status);
        Assert.Equal("Name not supported. Identity required", response.Description);
        Assert.Contains("AGENT (error) Error performing READ of io.skupper.router.connection: Name not supported. Identity required", h.Log.ErrorText);
    }

    [Fact]
    public void ReadConnection_ByIdentity_MapOrUnknownIs404()
    {
        using var h = new AgentHarness();
        var c = new FakeConnection(h.Core, ConnectionRole.Normal, incoming: true, "10.0.0.1:1234");
        string id = c.Identity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var read = h.Send(["operation", "READ", "type", "io.skupper.router.connection", "identity", id]);
        Assert.Equal(200, read.Status);
        Assert.Equal(25, ((AmqpMap)read.Body!).Count);
        Assert.Equal(404, h.Send(["operation", "READ", "type", "io.skupper.router.connection", "identity", "999"]).Status);
    }

    [Fact]
    public void UpdateConnection_AdminStatusDeleted_ClosesIt()
    {
        using var h = new AgentHarness();
        var c = new FakeConnection(h.Core, ConnectionRole.Normal, incoming: true, "10.0.0.1:1234");
        var response = h.Send(["operation", "UPDATE", "type", "io.skupper.router.connection", "identity", c.Identity.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Map("adminStatus", "deleted"));
        Assert.Equal(200, response.Status);
        Assert.Equal("amqp:connection:forced Connection forced-closed by management request", c.ClosedWith);
        Assert.Equal("deleted", ((AmqpMap)response.Body!)["adminStatus"]);
        Assert.Equal("closing", ((AmqpMap)response.Body!)["operStatus"]);
        Assert.Contains($"AGENT (info) [C{c.Identity}] Connection force-closed by request from connection [C0]", h.Log.ErrorText);
    }

    [Theory]
    [InlineData("inter-router")]
    [InlineData("edge")]
    public void UpdateConnection_DeleteRouterConnection_Forbidden(string role)
    {
        using var h = new AgentHarness();
        var c = new FakeConnection(h.Core, ConnectionRoleNames.Parse(role), incoming: true, "10.0.0.1:1234");
        var response = h.Send(["operation", "UPDATE", "type", "io.skupper.router.connection", "identity", c.Identity.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Map("adminStatus", "deleted"));
        Assert.Equal(403, response.Status);
        Assert.Equal("You are not allowed to perform this operation.", response.Description);
        Assert.Null(c.ClosedWith);
    }

    [Fact]
    public void UpdateConnection_NothingUpdatable_BadRequest()
    {
        using var h = new AgentHarness();
        var c = new FakeConnection(h.Core, ConnectionRole.Normal, incoming: true, "10.0.0.1:1234");
        var response = h.Send(["operation", "UPDATE", "type", "io.skupper.router.connection", "identity", c.Identity.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Map("role", "edge"));
        Assert.Equal(400, response.Status);
        Assert.Equal("Bad Request", response.Description);
    }

    [Fact]
    public void UpdateConnection_EnableProtocolTrace_Reported()
    {
        using var h = new AgentHarness();
        var c = new FakeConnection(h.Core, ConnectionRole.Normal, incoming: true, "10.0.0.1:1234");
        var response = h.Send(["operation", "UPDATE", "type", "io.skupper.router.connection", "identity", c.Identity.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Map("enableProtocolTrace", true));
        Assert.Equal(true, ((AmqpMap)response.Body!)["enableProtocolTrace"]);
    }

    [Fact]
    public void DeleteConnection_Forbidden_CreateConnection_NotImplemented()
    {
        using var h = new AgentHarness();
        Assert.Equal(403, h.Send(["operation", "DELETE", "type", "io.skupper.router.connection", "identity", "1"]).Status);
        var create = h.Send(["operation", "CREATE", "type", "io.skupper.router.connection", "name", "c"]);
        Assert.Equal(501, create.Status);
        Assert.Equal("Operation 'CREATE' not implemented for 'io.skupper.router.connection' ['READ']", create.Description);
        Assert.True(create.DescriptionFirst);
    }

    [Fact]
    public void ShortTypeNameAndLowerCaseOperation_ReachTheCoreEntities()
    {
        using var h = new AgentHarness();
        new FakeConnection(h.Core, ConnectionRole.Normal, incoming: true, "10.0.0.1:1234");
        var response = h.Send(["operation", "query", "entityType", "connection"]);
        Assert.True(response.DescriptionFirst);
        Assert.Single(Rows(response));
    }

    [Fact]
    public void QueryAddress_KeysTreatmentAndCounters()
    {
        using var h = new AgentHarness();
        var address = h.Core.GetOrCreate("Mbackend:8080");
        Interlocked.Add(ref address.DeliveriesIngress, 3);
        var response = h.Send(["operation", "QUERY", "entityType", "io.skupper.router.router.address"]);
        var row = Assert.Single(Rows(response), r => (string)r["name"]! == "Mbackend:8080");
        Assert.Equal(21, row.Count);
        Assert.Equal("Mbackend:8080", row["identity"]);
        Assert.Equal("Mbackend:8080", row["key"]);
        Assert.Equal("balanced", row["distribution"]);
        Assert.Equal(0U, row["inProcess"]);
        Assert.Equal(3UL, row["deliveriesIngress"]);
        Assert.Equal(-1, row["priority"]);
        Assert.Equal(false, row["watch"]);
        Assert.Equal(List(), row["remoteHostRouters"]);
        var read = h.Send(["operation", "READ", "type", "io.skupper.router.router.address", "name", "Mbackend:8080"]);
        Assert.Equal("Mbackend:8080", ((AmqpMap)read.Body!)["key"]);
    }

    [Fact]
    public void ConfiguredAddress_FromFile_NamedAfterItsPythonIdentity()
    {
        using var h = new AgentHarness("""[["router", {"id": "R"}], ["address", {"prefix": "mc", "distribution": "multicast"}], ["address", {"name": "q", "pattern": "a.*.b"}]]""");
        var rows = Rows(h.Send(["operation", "QUERY", "entityType", "io.skupper.router.router.config.address"]));
        Assert.Equal(2, rows.Count);
        Assert.Equal(["name", "identity", "type", "prefix", "distribution", "pattern", "priority"], rows[0].Keys);
        Assert.Equal(["address/0", "1", "io.skupper.router.router.config.address", "mc", "multicast", null, -1], rows[0].Values);
        Assert.Equal(["q", "2", "io.skupper.router.router.config.address", null, "balanced", "a.*.b", -1], rows[1].Values);
    }

    [Fact]
    public void ConfiguredAddress_CreateReadDelete_ChangesTheCore()
    {
        using var h = new AgentHarness();
        var create = h.Send(["operation", "CREATE", "type", "io.skupper.router.router.config.address", "name", "closest-things"],
            Map("prefix", "closest", "distribution", "closest"));
        Assert.Equal(201, create.Status);
        Assert.Equal("Created", create.Description);
        var body = (AmqpMap)create.Body!;
        Assert.Equal("closest-things", body["name"]);
        Assert.Equal("closest", body["prefix"]);
        Assert.Equal(-1, body["priority"]);
        Assert.Equal(Treatment.AnycastClosest, h.Core.GetOrCreate("Mclosest/x").Treatment);
        Assert.Contains("CONN_MGR (info) Created address with Prefix=closest/# and distribution=closest", h.Log.ErrorText);

        var duplicate = h.Send(["operation", "CREATE", "type", "io.skupper.router.router.config.address", "name", "other"], Map("prefix", "closest"));
        Assert.Equal((400, "Already exists"), (duplicate.Status, duplicate.Description));
        var sameName = h.Send(["operation", "CREATE", "type", "io.skupper.router.router.config.address", "name", "closest-things"], Map("prefix", "x"));
        Assert.Equal((400, "Name conflicts with an existing entity"), (sameName.Status, sameName.Description));
        var neither = h.Send(["operation", "CREATE", "type", "io.skupper.router.router.config.address", "name", "n"], Map("distribution", "closest"));
        Assert.Equal((400, "Either a 'prefix' or 'pattern' attribute must be provided"), (neither.Status, neither.Description));

        Assert.Equal(200, h.Send(["operation", "READ", "type", "io.skupper.router.router.config.address", "name", "closest-things"]).Status);
        var delete = h.Send(["operation", "DELETE", "type", "io.skupper.router.router.config.address", "identity", body["identity"]]);
        Assert.Equal((204, "No Content"), (delete.Status, delete.Description));
        Assert.Empty((AmqpMap)delete.Body!);
        Assert.Empty(h.Core.AddressConfigs);
        Assert.Equal(404, h.Send(["operation", "DELETE", "type", "io.skupper.router.router.config.address", "name", "closest-things"]).Status);
        var noId = h.Send(["operation", "DELETE", "type", "io.skupper.router.router.config.address"]);
        Assert.Equal((400, "No name or identity provided"), (noId.Status, noId.Description));
    }

    [Fact]
    public void AutoLink_CreateQueryDelete()
    {
        using var h = new AgentHarness();
        Assert.Empty(Rows(h.Send(["operation", "QUERY", "entityType", "io.skupper.router.router.config.autoLink"])));
        var create = h.Send(["operation", "CREATE", "type", "io.skupper.router.router.config.autoLink", "name", "al"],
            Map("address", "queue1", "direction", "in", "containerId", "broker"));
        Assert.Equal(201, create.Status);
        var row = Assert.Single(Rows(h.Send(["operation", "QUERY", "entityType", "io.skupper.router.router.config.autoLink"])));
        Assert.Equal("inactive", row["operStatus"]);
        Assert.Equal("broker", row["containerId"]);
        var bad = h.Send(["operation", "CREATE", "type", "io.skupper.router.router.config.autoLink", "name", "al2"], Map("address", "q"));
        Assert.Equal((400, "address and direction fields are mandatory"), (bad.Status, bad.Description));
        Assert.Equal(204, h.Send(["operation", "DELETE", "type", "io.skupper.router.router.config.autoLink", "name", "al"]).Status);
    }

    [Fact]
    public void UpdateLink_WithoutAdminStatus_BadRequest_UnknownLink_NotFound()
    {
        using var h = new AgentHarness();
        Assert.Equal(400, h.Send(["operation", "UPDATE", "type", "io.skupper.router.router.link", "identity", "1"], Map("capacity", 5)).Status);
        Assert.Equal(404, h.Send(["operation", "UPDATE", "type", "io.skupper.router.router.link", "identity", "99"], Map("adminStatus", "disabled")).Status);
    }

    [Fact]
    public void QueryTcpConnection_EmptyWithTheCColumns()
    {
        using var h = new AgentHarness();
        var body = (AmqpMap)h.Send(["operation", "QUERY", "entityType", "io.skupper.router.tcpConnection"]).Body!;
        Assert.Equal(List("name", "identity", "address", "host", "direction", "bytesIn", "bytesOut", "uptimeSeconds", "lastInSeconds", "lastOutSeconds"),
            body["attributeNames"]);
        Assert.Empty((List<object?>)body["results"]!);
    }

    [Fact]
    public void RequestWithoutReplyTo_CoreOperationStillPerformed()
    {
        using var h = new AgentHarness();
        var request = Request(["operation", "CREATE", "type", "io.skupper.router.router.config.address", "name", "a"], Map("prefix", "p"), replyTo: null);
        Assert.NotNull(h.Agent.Handle(request));
        Assert.Single(h.Core.AddressConfigs);
    }
}
