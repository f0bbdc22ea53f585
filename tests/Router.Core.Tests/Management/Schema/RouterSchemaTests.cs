using Skrouterd.Management.Schema;
using Xunit;

namespace Skrouterd.Tests.Management.Schema;

public sealed class RouterSchemaTests
{
    [Fact]
    public void AllTypesPresent_InSchemaOrder()
    {
        Assert.Equal(
            [
                "entity", "org.amqp.management", "management", "configurationEntity", "operationalEntity", "router",
                "sslProfile", "listener", "connector", "httpListener", "httpConnector", "httpRequestInfo", "tcpListener",
                "tcpConnector", "log", "logStats", "router.config.address", "router.config.autoLink", "router.link",
                "router.address", "router.node", "connection", "tcpConnection", "allocator", "policy", "vhost",
                "vhostUserGroupSettings", "vhostStats", "dummy",
            ],
            RouterSchema.EntityTypes.Select(t => t.Name));
    }

    [Fact]
    public void SslProfile_ElevenAttributes()
    {
        var t = RouterSchema.Get("sslProfile");

        Assert.Equal(
            ["ciphers", "protocols", "caCertFile", "certFile", "privateKeyFile", "password", "uidFormat", "uidNameMappingFile", "name", "identity", "type"],
            t.AttributeNames);
        Assert.Equal(8, t.OwnAttributes.Count);
        Assert.True(t.IsReferential);
        Assert.Same(RouterSchema.Entity, t.FindAttribute("name")!.DefinedIn);
    }

    [Theory]
    [InlineData("sslProfile", new[] { "CREATE", "DELETE", "READ" })]
    [InlineData("log", new[] { "UPDATE", "READ" })]
    [InlineData("router.link", new[] { "UPDATE", "READ" })]
    [InlineData("router", new[] { "READ" })]
    [InlineData("vhost", new[] { "CREATE", "UPDATE", "DELETE", "READ" })]
    [InlineData("connection", new[] { "READ" })]
    [InlineData("entity", new string[0])]
    [InlineData("management", new[]
    {
        "GET-SCHEMA", "GET-JSON-SCHEMA", "GET-LOG", "PROFILE", "QUERY", "GET-TYPES", "GET-ANNOTATIONS",
        "GET-OPERATIONS", "GET-ATTRIBUTES", "GET-MGMT-NODES", "READ",
    })]
    public void Operations_OwnThenInherited(string type, string[] expected) =>
        Assert.Equal(expected, RouterSchema.Get(type).Operations);

    [Theory]
    [InlineData("router", 46)]
    [InlineData("listener", 26)]
    [InlineData("connector", 23)]
    [InlineData("tcpListener", 13)]
    [InlineData("tcpConnector", 11)]
    [InlineData("httpListener", 11)]
    [InlineData("httpConnector", 10)]
    [InlineData("log", 5)]
    [InlineData("router.link", 26)]
    [InlineData("connection", 21)]
    [InlineData("policy", 12)]
    [InlineData("org.amqp.management", 0)]
    public void AttributeCounts_OwnPlusNameIdentityType(string type, int own)
    {
        var t = RouterSchema.Get(type);

        Assert.Equal(own, t.OwnAttributes.Count);
        Assert.Equal(own + 3, t.Attributes.Count);
        Assert.Equal(["name", "identity", "type"], t.AttributeNames.TakeLast(3));
    }

    [Theory]
    [InlineData("listener", "io.skupper.router.listener")]
    [InlineData("io.skupper.router.listener", "io.skupper.router.listener")]
    [InlineData("router.config.address", "io.skupper.router.router.config.address")]
    [InlineData("org.amqp.management", "io.skupper.router.org.amqp.management")]
    [InlineData("io.skupper.router.org.amqp.management", "io.skupper.router.org.amqp.management")]
    public void Find_ShortOrFullyQualified(string name, string fq) =>
        Assert.Equal(fq, RouterSchema.Find(name)!.FullyQualifiedName);

    [Theory]
    [InlineData("address")]
    [InlineData("autoLink")]
    [InlineData("Listener")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_UnknownName_Null(string? name) => Assert.Null(RouterSchema.Find(name));

    [Fact]
    public void Get_Unknown_Throws()
    {
        var ex = Assert.Throws<EntityValidationException>(() => RouterSchema.Get("nope"));

        Assert.Equal("No such entity type 'nope'", ex.Message);
    }

    [Fact]
    public void Bases_NearestFirst()
    {
        Assert.Equal(
            ["io.skupper.router.configurationEntity", "io.skupper.router.entity"],
            RouterSchema.Get("sslProfile").AllBases.Select(b => b.FullyQualifiedName));
        Assert.Equal(
            ["io.skupper.router.org.amqp.management", "io.skupper.router.operationalEntity", "io.skupper.router.entity"],
            RouterSchema.Get("management").AllBases.Select(b => b.FullyQualifiedName));
        Assert.True(RouterSchema.Get("management").IsSingleton);
        Assert.True(RouterSchema.Get("listener").IsConfiguration);
        Assert.True(RouterSchema.Get("router.node").IsOperational);
        Assert.False(RouterSchema.Get("dummy").IsConfiguration);
    }

    [Fact]
    public void ByType_ListsSubtypes()
    {
        var management = RouterSchema.Get("org.amqp.management");

        Assert.Equal(["org.amqp.management", "management"], RouterSchema.ByType(management).Select(t => t.Name));
        Assert.Equal(29, RouterSchema.ByType(null).Count());
    }

    [Fact]
    public void SchemaShortName_DropsRouterConfigPrefix()
    {
        Assert.Equal("address", RouterSchema.Get("router.config.address").SchemaShortName);
        Assert.Equal("autoLink", RouterSchema.Get("router.config.autoLink").SchemaShortName);
        Assert.Equal("router.link", RouterSchema.Get("router.link").SchemaShortName);
    }

    [Fact]
    public void AttributeFacts_FromSchema()
    {
        var listener = RouterSchema.Get("listener");
        var role = listener.FindAttribute("role")!;
        Assert.Equal(AttributeKind.Enum, role.Kind);
        Assert.Equal(["normal", "inter-router", "route-container", "edge", "inter-edge"], role.Type.EnumValues);
        Assert.Equal("normal", role.Default);
        Assert.True(role.Create);
        Assert.Equal(16384L, listener.FindAttribute("maxFrameSize")!.Default);
        Assert.Equal(AttributeKind.Properties, listener.FindAttribute("openProperties")!.Kind);
        Assert.Equal(AttributeKind.Path, listener.FindAttribute("httpRootDir")!.Kind);

        var module = RouterSchema.Get("log").FindAttribute("module")!;
        Assert.True(module.Required);
        Assert.Equal(20, module.Type.EnumValues.Count);
        Assert.True(RouterSchema.Get("log").FindAttribute("enable")!.Update);

        Assert.True(RouterSchema.Get("connector").FindAttribute("saslPassword")!.Hidden);
        Assert.True(RouterSchema.Get("router").FindAttribute("addrCount")!.Graph);
        Assert.False(RouterSchema.Get("router").FindAttribute("addrCount")!.Create);
        Assert.True(RouterSchema.Entity.FindAttribute("name")!.Unique);

        var http = RouterSchema.Get("httpConnector");
        Assert.Equal("verifyHostName", http.FindAttribute("verifyHostname")!.DeprecationName);
        Assert.Same(http.FindAttribute("verifyHostname"), http.FindDeprecatedAlias("verifyHostName"));
    }

    [Fact]
    public void AllAttributeNames_Union()
    {
        Assert.Equal(RouterSchema.AllAttributeNames.Count, RouterSchema.AllAttributeNames.Distinct().Count());
        Assert.Contains("maxFrameSize", RouterSchema.AllAttributeNames);
        Assert.Contains("linkState", RouterSchema.AllAttributeNames);
    }
}
