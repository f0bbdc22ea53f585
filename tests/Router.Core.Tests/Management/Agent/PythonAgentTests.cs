using Skrouterd.Amqp.Codec;
using Skrouterd.Logging;
using Skrouterd.Management;
using Xunit;
using static Skrouterd.Tests.Management.Agent.AgentHarness;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>The entity types the C router's Python agent answers: CREATE/READ/UPDATE/DELETE and their errors.</summary>
public sealed class PythonAgentTests
{
    [Fact]
    public void CreateListener_WithoutName_IdentityIsHostPort_NameLeftOut()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "CREATE", "type", "io.skupper.router.listener"], Map("host", "0.0.0.0", "port", 5000L));
        Assert.Equal(201, response.Status);
        Assert.False(response.DescriptionFirst);
        var body = (AmqpMap)response.Body!;
        Assert.Equal("listener/0.0.0.0:5000", body["identity"]);
        Assert.False(body.ContainsKey("name"));
        Assert.Equal("5000", body["port"]);
        Assert.Equal(["host", "port", "type", "identity", "role", "cost"], Keys(body).Take(6));
    }

    [Fact]
    public void Create_NameOnlyInBody_IsDropped_AsByThePythonAgent()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "CREATE", "type", "sslProfile"], Map("name", "p1"));
        Assert.Equal(201, response.Status);
        Assert.Equal("sslProfile/None", ((AmqpMap)response.Body!)["identity"]);
    }

    [Fact]
    public void Create_ConflictingNames_BadRequest()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "CREATE", "type", "sslProfile", "name", "p1"], Map("name", "p2"));
        Assert.Equal((400, "Conflicting values for 'name'"), (response.Status, response.Description));
    }

    [Fact]
    public void Create_NoType_BadRequestShowingTheAttributes()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "CREATE", "name", "x"], Map("host", "h"));
        Assert.Equal((400, "No 'type' attribute in {'host': 'h', 'type': None, 'name': 'x'}"), (response.Status, response.Description));
    }

    [Fact]
    public void Create_UnknownAndReadOnlyAttributes_BadRequest()
    {
        using var h = new AgentHarness();
        var unknown = h.Send(["operation", "CREATE", "type", "listener", "name", "l"], Map("frobs", 1L));
        Assert.Equal((400, "Unknown attribute 'frobs' for 'io.skupper.router.listener'"), (unknown.Status, unknown.Description));
        var identity = h.Send(["operation", "CREATE", "type", "listener", "name", "l"], Map("identity", "x"));
        Assert.Equal((400, "Cannot set attribute 'identity' in CREATE"), (identity.Status, identity.Description));
        var status = h.Send(["operation", "CREATE", "type", "connector", "name", "c"], Map("connectionStatus", "x"));
        Assert.Equal((400, "Cannot set attribute 'connectionStatus' in CREATE"), (status.Status, status.Description));
    }

    [Fact]
    public void Create_InvalidValue_BadRequestPrefixedWithTheType()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "CREATE", "type", "listener", "name", "l"], Map("cost", "lots"));
        Assert.Equal(400, response.Status);
        Assert.StartsWith("io.skupper.router.listener: ", response.Description);
    }

    [Fact]
    public void Create_DuplicateName_BadRequest_AcrossTypes()
    {
        using var h = new AgentHarness();
        Assert.Equal(201, h.Send(["operation", "CREATE", "type", "sslProfile", "name", "shared"]).Status);
        var response = h.Send(["operation", "CREATE", "type", "listener", "name", "shared"], Map("port", "5001"));
        Assert.Equal(400, response.Status);
        Assert.StartsWith("adding ListenerEntity(authenticatePeer=False, cost=1, ", response.Description);
        Assert.EndsWith(" duplicates unique attribute 'name' from existing SslProfileEntity(identity=sslProfile/shared, name=shared, type=io.skupper.router.sslProfile)", response.Description);
    }

    [Fact]
    public void Create_ReservedOpenProperty_BadRequest()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "CREATE", "type", "listener", "name", "l"], Map("openProperties", Map("qd.x", "y")));
        Assert.Equal((400, "Reserved key 'qd.x' not allowed in openProperties"), (response.Status, response.Description));
    }

    [Fact]
    public void Create_NotCreatableType_NotImplemented()
    {
        using var h = new AgentHarness();
        var response = h.Send(["operation", "CREATE", "type", "log", "name", "l"], Map("module", "SERVER"));
        Assert.Equal((501, "Operation 'CREATE' not implemented for 'io.skupper.router.log' ['UPDATE', 'READ']"), (response.Status, response.Description));
    }

    [Fact]
    public void SslProfile_CreateReadDelete()
    {
        using var h = new AgentHarness();
        var create = h.Send(["operation", "CREATE", "type", "io.skupper.router.sslProfile", "name", "p"], Map("caCertFile", "/x/ca.crt"));
        Assert.Equal(["caCertFile", "type", "name", "identity"], Keys(create.Body));
        var read = h.Send(["operation", "READ", "type", "io.skupper.router.sslProfile", "name", "p"]);
        Assert.Equal(200, read.Status);
        Assert.Equal("/x/ca.crt", ((AmqpMap)read.Body!)["caCertFile"]);
        var byIdentity = h.Send(["operation", "READ", "identity", "sslProfile/p"]);
        Assert.Equal(200, byIdentity.Status);
        var delete = h.Send(["operation", "DELETE", "type", "io.skupper.router.sslProfile", "name", "p"]);
        Assert.Equal((204, "No Content"), (delete.Status, delete.Description));
        var gone = h.Send(["operation", "READ", "type", "io.skupper.router.sslProfile", "name", "p"]);
        Assert.Equal((404, "No entity with name=p"), (gone.Status, gone.Description));
    }

    [Fact]
    public void Read_TypeNotAnAncestor_BadRequest_ConflictingIds_BadRequest()
    {
        using var h = new AgentHarness(CapturedReplyTests.CaptureConfig);
        var wrongType = h.Send(["operation", "READ", "type", "sslProfile", "name", "amqp"]);
        Assert.Equal((400, "Entity type 'io.skupper.router.listener' does not extend requested type 'io.skupper.router.sslProfile'"),
            (wrongType.Status, wrongType.Description));
        var conflicting = h.Send(["operation", "READ", "name", "amqp", "identity", "listener/127.0.0.1:24002:inter-router"]);
        Assert.Equal((400, "Conflicting name=amqp identity=listener/127.0.0.1:24002:inter-router"), (conflicting.Status, conflicting.Description));
        var ancestor = h.Send(["operation", "READ", "type", "configurationEntity", "name", "amqp"]);
        Assert.Equal((404, "Entity type 'io.skupper.router.listener' does match requested type 'io.skupper.router.configurationEntity'"),
            (ancestor.Status, ancestor.Description));
    }

    [Fact]
    public void Update_NotAllowedOnListener_NotImplemented()
    {
        using var h = new AgentHarness(CapturedReplyTests.CaptureConfig);
        var response = h.Send(["operation", "UPDATE", "type", "listener", "name", "amqp"], Map("cost", 2L));
        Assert.Equal((501, "Operation 'UPDATE' not implemented for 'io.skupper.router.listener' ['CREATE', 'DELETE', 'READ']"),
            (response.Status, response.Description));
    }

    [Fact]
    public void NoOperation_BadRequest()
    {
        using var h = new AgentHarness();
        var response = h.Send(["type", "listener"]);
        Assert.Equal(400, response.Status);
        Assert.StartsWith("No 'operation' property: Message(", response.Description);
    }

    [Fact]
    public void NoReplyTo_PythonAgentRequestDropped_Unprocessed()
    {
        using var h = new AgentHarness();
        Assert.Null(h.Agent.Handle(Request(["operation", "CREATE", "type", "sslProfile", "name", "p"], replyTo: null)));
        Assert.Equal(404, h.Send(["operation", "READ", "type", "sslProfile", "name", "p"]).Status);
    }

    [Fact]
    public void UpdateLog_ChangesLevelsAtOnce()
    {
        using var h = new AgentHarness();
        Assert.False(h.Log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));
        var response = h.Send(["operation", "UPDATE", "type", "io.skupper.router.log", "name", "log/SERVER"], Map("enable", "debug+"));
        Assert.Equal(200, response.Status);
        Assert.Equal("debug+", ((AmqpMap)response.Body!)["enable"]);
        Assert.True(h.Log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));
        var read = h.Send(["operation", "READ", "identity", "log/SERVER"]);
        Assert.Equal(["module", "enable", "name", "identity", "type"], Keys(read.Body));
    }

    [Fact]
    public void UpdateLog_InvalidLevel_InternalError_ModuleChange_BadRequest()
    {
        using var h = new AgentHarness();
        var trace = h.Send(["operation", "UPDATE", "type", "log", "name", "log/SERVER"], Map("enable", "trace+"));
        Assert.Equal(500, trace.Status);
        Assert.StartsWith("CError: Configuration: 'trace+' is not a valid log level.", trace.Description);
        var module = h.Send(["operation", "UPDATE", "type", "log", "name", "log/SERVER"], Map("module", "ROUTER"));
        Assert.Equal((400, "Cannot update attribute 'module' in UPDATE"), (module.Status, module.Description));
    }

    [Fact]
    public void Vhost_CreateUpdateDelete()
    {
        using var h = new AgentHarness();
        Assert.Equal(201, h.Send(["operation", "CREATE", "type", "vhost", "name", "v"], Map("hostname", "example.com")).Status);
        var update = h.Send(["operation", "UPDATE", "type", "vhost", "name", "v"], Map("maxConnections", 10L));
        Assert.Equal(200, update.Status);
        Assert.Equal(10L, ((AmqpMap)update.Body!)["maxConnections"]);
        var hostname = h.Send(["operation", "UPDATE", "type", "vhost", "name", "v"], Map("hostname", "other"));
        Assert.Equal((400, "Cannot update attribute 'hostname' in UPDATE"), (hostname.Status, hostname.Description));
        Assert.Equal(204, h.Send(["operation", "DELETE", "type", "vhost", "name", "v"]).Status);
    }

    [Fact]
    public void AdaptorEntity_WithoutAdaptor_StoredWithZeroCountersAndDown()
    {
        using var h = new AgentHarness();
        var create = h.Send(["operation", "CREATE", "type", "tcpConnector", "name", "c"], Map("host", "backend", "port", "8080", "address", "svc"));
        Assert.Equal(201, create.Status);
        var body = (AmqpMap)create.Body!;
        Assert.Equal(0L, body["bytesIn"]);
        Assert.False(body.ContainsKey("operStatus"));
        var missing = h.Send(["operation", "CREATE", "type", "tcpConnector", "name", "c2"], Map("port", "8080", "address", "svc"));
        Assert.Equal((400, "Invalid tcpConnector configuration: see logs for details."), (missing.Status, missing.Description));
    }

    [Fact]
    public void AdaptorEntity_ServedByTheRegisteredAdaptor()
    {
        using var h = new AgentHarness();
        var adaptor = new FakeAdaptorHost { BytesIn = 42 };
        var context = new ManagementContext(h.Core) { LogState = h.Log.State, Config = h.Config, Adaptors = [adaptor] };
        var agent = new ManagementAgent(context);
        agent.LoadConfiguration();

        var create = agent.Handle(Request(["operation", "CREATE", "type", "io.skupper.router.tcpListener", "name", "l"],
            Map("port", "9000", "address", "svc")))!;
        Assert.Equal(201, create.Status);
        Assert.Equal("svc", adaptor.Entities["l"].GetString("address"));
        Assert.Equal("0.0.0.0", adaptor.Entities["l"].GetString("host"));
        Assert.Equal(42L, ((AmqpMap)create.Body!)["bytesIn"]);
        Assert.Equal("up", ((AmqpMap)create.Body!)["operStatus"]);

        adaptor.Flows.Add(new TcpConnectionInfo("flow:1", 17, "svc", "127.0.0.1:5555", true, 10, 20, 3, 1, null));
        var flows = Rows(agent.Handle(Request(["operation", "QUERY", "entityType", "io.skupper.router.tcpConnection"]))!);
        var flow = Assert.Single(flows);
        Assert.Equal(("flow:1", "17", "in", 10U, (object?)null), ((string)flow["name"]!, (string)flow["identity"]!, (string)flow["direction"]!, (uint)flow["bytesIn"]!, flow["lastOutSeconds"]));

        Assert.Equal(204, agent.Handle(Request(["operation", "DELETE", "type", "io.skupper.router.tcpListener", "name", "l"]))!.Status);
        Assert.Equal(["tcpListener/l"], adaptor.Deleted);

        adaptor.Refuse = "port in use";
        var refused = agent.Handle(Request(["operation", "CREATE", "type", "tcpListener", "name", "l2"], Map("port", "9001", "address", "svc")))!;
        Assert.Equal((400, "Invalid tcpListener configuration: see logs for details."), (refused.Status, refused.Description));
        Assert.Equal(404, agent.Handle(Request(["operation", "READ", "type", "tcpListener", "name", "l2"]))!.Status);
    }
}
