using System.Text.Json;
using Skrouterd.Amqp.Codec;
using Skrouterd.Management;
using Xunit;
using static Skrouterd.Tests.Management.Agent.AgentHarness;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>The management node's operations: QUERY over the Python agent's entities and the GET-* operations.</summary>
public sealed class NodeOperationTests
{
    private static readonly object?[] s_self = ["name", "self", "type", "org.amqp.management"];

    [Fact]
    public void Query_UnknownAttribute_NotFound()
    {
        using var h = new AgentHarness();
        var response = h.Send([.. s_self, "operation", "QUERY", "entityType", "io.skupper.router.listener"], Map("attributeNames", List("name", "frob")));
        Assert.Equal((404, "Unknown attributes ['frob'] for type io.skupper.router.listener."), (response.Status, response.Description));
        Assert.Contains("AGENT (error) Error performing QUERY: Unknown attributes ['frob'] for type io.skupper.router.listener.", h.Log.ErrorText);
    }

    [Fact]
    public void Query_RowsWithOnlyNullsAreDropped()
    {
        using var h = new AgentHarness("""[["router", {"id": "R"}], ["listener", {"name": "a", "port": "1"}], ["listener", {"name": "b", "port": "2", "sslProfile": "p"}], ["sslProfile", {"name": "p"}]]""");
        var rows = Rows(h.Send(["operation", "QUERY", "entityType", "listener"], Map("attributeNames", List("sslProfile"))));
        Assert.Equal(["p"], rows.Select(r => r["sslProfile"]));
    }

    [Fact]
    public void Query_OffsetAndCount_Page()
    {
        using var h = new AgentHarness();
        var rows = Rows(h.Send(["operation", "QUERY", "entityType", "log", "offset", 2L, "count", 3L], Map("attributeNames", List("module"))));
        Assert.Equal(["ROUTER_HELLO", "ROUTER_LS", "ROUTER_MA"], rows.Select(r => r["module"]));
    }

    [Fact]
    public void Query_WithoutEntityType_AllEntitiesAndAllAttributeNames()
    {
        using var h = new AgentHarness();
        var response = h.Send([.. s_self, "operation", "QUERY"], Map("attributeNames", List("identity")));
        var identities = Rows(response).Select(r => (string)r["identity"]!).ToList();
        Assert.Contains("self", identities);
        Assert.Contains("log/DEFAULT", identities);
        Assert.Contains("logStats/DEFAULT", identities);
        Assert.Contains("router.node/Router.A", identities);
        Assert.Contains("policy/None", identities);
        var all = (List<object?>)((AmqpMap)h.Send([.. s_self, "operation", "QUERY"]).Body!)["attributeNames"]!;
        Assert.Contains("connectionStatus", all);
        Assert.Equal(all.Distinct().Count(), all.Count);
    }

    [Fact]
    public void Query_RouterNode_InteriorHasItself_StandaloneNone()
    {
        using var interior = new AgentHarness();
        var row = Assert.Single(Rows(interior.Send(["operation", "QUERY", "entityType", "io.skupper.router.router.node"])));
        Assert.Equal("router.node/Router.A", row["name"]);
        Assert.Equal("router.node/Router.A", row["identity"]);
        Assert.Equal("Router.A", row["id"]);
        Assert.Equal("(self)", row["nextHop"]);
        Assert.Equal("amqp:/_topo/0/Router.A", row["address"]);
        Assert.Equal(0L, row["index"]);
        Assert.Null(row["routerLink"]);
        using var standalone = new AgentHarness("""[["router", {"id": "S"}]]""");
        Assert.Empty(Rows(standalone.Send(["operation", "QUERY", "entityType", "router.node"])));
    }

    [Fact]
    public void Query_PolicyLogStatsAllocator()
    {
        using var h = new AgentHarness();
        var policy = Assert.Single(Rows(h.Send(["operation", "QUERY", "entityType", "io.skupper.router.policy"])));
        Assert.Equal(65535L, policy["maxConnections"]);
        Assert.Equal("$default", policy["defaultVhost"]);
        Assert.Equal(0L, policy["totalDenials"]);
        Assert.Equal(20, Rows(h.Send(["operation", "QUERY", "entityType", "io.skupper.router.log"])).Count);
        var stats = Rows(h.Send(["operation", "QUERY", "entityType", "io.skupper.router.logStats"]));
        Assert.Equal(20, stats.Count);
        Assert.All(stats, s => Assert.Null(s["noticeCount"]));
        Assert.Empty(Rows(h.Send(["operation", "QUERY", "entityType", "io.skupper.router.allocator"])));
    }

    [Fact]
    public void GetMgmtNodes_EmptyOnStandaloneAndEdge()
    {
        using var standalone = new AgentHarness("""[["router", {"id": "S"}]]""");
        Assert.Equal(List(), standalone.Send([.. s_self, "operation", "GET-MGMT-NODES"]).Body);
        using var edge = new AgentHarness("""[["router", {"id": "E", "mode": "edge"}]]""");
        Assert.Equal(List(), edge.Send([.. s_self, "operation", "GET-MGMT-NODES"]).Body);
    }

    [Fact]
    public void GetTypes_FilteredByBase()
    {
        using var h = new AgentHarness();
        var types = (AmqpMap)h.Send([.. s_self, "operation", "GET-TYPES", "entityType", "configurationEntity"]).Body!;
        Assert.Equal(List("io.skupper.router.configurationEntity", "io.skupper.router.entity"), types["io.skupper.router.sslProfile"]);
        Assert.False(types.ContainsKey("io.skupper.router.connection"));
        var all = (AmqpMap)h.Send([.. s_self, "operation", "GET-TYPES"]).Body!;
        Assert.True(all.ContainsKey("io.skupper.router.org.amqp.management"));
    }

    [Fact]
    public void GetOperationsAndAttributes()
    {
        using var h = new AgentHarness();
        var ops = (AmqpMap)h.Send([.. s_self, "operation", "GET-OPERATIONS", "entityType", "sslProfile"]).Body!;
        Assert.Equal(List("CREATE", "DELETE", "READ"), Assert.Single(ops).Value);
        var link = (AmqpMap)h.Send([.. s_self, "operation", "GET-OPERATIONS", "entityType", "io.skupper.router.router.link"]).Body!;
        Assert.Equal(List("UPDATE", "READ"), link["io.skupper.router.router.link"]);
        var node = (AmqpMap)h.Send([.. s_self, "operation", "GET-OPERATIONS", "entityType", "management"]).Body!;
        Assert.Equal(List("GET-SCHEMA", "GET-JSON-SCHEMA", "GET-LOG", "PROFILE", "QUERY", "GET-TYPES", "GET-ANNOTATIONS", "GET-OPERATIONS",
            "GET-ATTRIBUTES", "GET-MGMT-NODES", "READ"), node["io.skupper.router.management"]);
        var attributes = (AmqpMap)h.Send([.. s_self, "operation", "GET-ATTRIBUTES", "entityType", "sslProfile"]).Body!;
        Assert.Equal(11, ((List<object?>)attributes["io.skupper.router.sslProfile"]!).Count);
        Assert.Empty((AmqpMap)h.Send([.. s_self, "operation", "GET-ANNOTATIONS"]).Body!);
    }

    [Fact]
    public void GetEntityType_Unknown_BadRequest()
    {
        using var h = new AgentHarness();
        var response = h.Send([.. s_self, "operation", "GET-TYPES", "entityType", "nope"]);
        Assert.Equal((400, "No such entity type 'nope'"), (response.Status, response.Description));
    }

    [Fact]
    public void GetSchema_ShortNamesAndFalsyFieldsLeftOut()
    {
        using var h = new AgentHarness();
        var schema = (AmqpMap)h.Send([.. s_self, "operation", "GET-SCHEMA"]).Body!;
        Assert.Equal("io.skupper.router", schema["prefix"]);
        var types = (AmqpMap)schema["entityTypes"]!;
        var address = (AmqpMap)types["address"]!;
        Assert.Equal("io.skupper.router.router.config.address", address["fullyQualifiedType"]);
        var listener = (AmqpMap)((AmqpMap)types["listener"]!)["attributes"]!;
        Assert.Equal(Map("type", "string", "default", "amqp"), listener["port"]);
        Assert.Equal(Map("type", "boolean"), listener["authenticatePeer"]);
        Assert.Equal(Map("type", "string", "unique", true), listener["name"]);
        Assert.False(listener.ContainsKey("type"));
        Assert.True(((AmqpMap)types["vhostUserGroupSettings"]!).ContainsKey("attributes"));
        Assert.Equal(true, ((AmqpMap)types["router"]!)["singleton"]);
    }

    [Fact]
    public void GetJsonSchema_PythonJsonWithIndent()
    {
        using var h = new AgentHarness();
        string json = (string)h.Send([.. s_self, "operation", "GET-JSON-SCHEMA", "indent", 2L]).Body!;
        Assert.StartsWith("{\n  \"prefix\": \"io.skupper.router\",\n  \"entityTypes\": {\n    \"entity\": {", json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("io.skupper.router.listener", doc.RootElement.GetProperty("entityTypes").GetProperty("listener").GetProperty("fullyQualifiedType").GetString());
        string compact = (string)h.Send([.. s_self, "operation", "GET-JSON-SCHEMA"]).Body!;
        Assert.StartsWith("{\"prefix\": \"io.skupper.router\", \"entityTypes\": {", compact);
    }

    [Fact]
    public void GetLog_LimitedNewestEntries()
    {
        using var h = new AgentHarness();
        h.Send(["operation", "FROB", "type", "listener"]);
        h.Send(["operation", "FROB", "type", "connector"]);
        var entries = (List<object?>)h.Send([.. s_self, "operation", "GET-LOG", "limit", 1L]).Body!;
        var entry = (List<object?>)Assert.Single(entries)!;
        Assert.Equal(6, entry.Count);
        Assert.Equal("AGENT", entry[0]);
        Assert.Equal("error", entry[1]);
        Assert.Equal("Error performing FROB: io.skupper.router.connector: No name or identity provided", entry[2]);
        Assert.IsType<long>(entry[5]);
    }

    [Fact]
    public void ReadManagementNode_SelfAttributes()
    {
        using var h = new AgentHarness();
        var read = h.Send([.. s_self, "operation", "READ"]);
        Assert.Equal(Map("identity", "self", "name", "self", "type", "io.skupper.router.management"), read.Body);
    }

    [Fact]
    public void Profile_StopWithoutStart_BadRequest()
    {
        using var h = new AgentHarness();
        Assert.Equal((400, "Profiler not started"), Status(h.Send([.. s_self, "operation", "PROFILE", "stop", true])));
        Assert.Equal(200, h.Send([.. s_self, "operation", "PROFILE", "start", true]).Status);
        Assert.Equal(200, h.Send([.. s_self, "operation", "PROFILE", "stop", true]).Status);
    }

    private static (int, string) Status(ManagementResponse r) => (r.Status, r.Description);
}
