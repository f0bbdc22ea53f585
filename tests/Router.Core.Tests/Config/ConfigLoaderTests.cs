using Skrouterd.Amqp.Codec;
using Skrouterd.Config;
using Xunit;

namespace Skrouterd.Tests.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly ConfigTestFiles _files = new();

    [Theory]
    [InlineData("01-interior-pair.routerA.json", "Router.A", "interior", 2, 0)]
    [InlineData("01-interior-pair.routerB.json", "Router.B", "interior", 1, 1)]
    [InlineData("02-tcp-across.routerB.json", "Router.B", "interior", 1, 1)]
    [InlineData("03-edge-uplink.edge.json", "Edge.E", "edge", 1, 1)]
    [InlineData("03-edge-uplink.interior.json", "Router.A", "interior", 2, 0)]
    [InlineData("05-http1-across.routerA.json", "Router.A", "interior", 2, 0)]
    [InlineData("06-http2-across.routerB.json", "Router.B", "interior", 1, 1)]
    public void CapturedConfig_Loads(string file, string id, string mode, int listeners, int connectors)
    {
        var config = ConfigLoader.Load(ConfigTestFiles.TestData(file));

        Assert.Equal(id, config.RouterId);
        Assert.Equal(mode, config.Mode);
        Assert.Equal(listeners, config.OfType("listener").Count());
        Assert.Equal(connectors, config.OfType("connector").Count());
        Assert.Single(config.OfType("policy"));
        Assert.Equal(20, config.OfType("log").Count());
        Assert.Empty(config.Warnings);

        var amqp = config.OfType("listener").Single(l => l.Name == "amqp");
        Assert.Equal("127.0.0.1", amqp["host"]);
        Assert.Equal(false, amqp["authenticatePeer"]);
        Assert.Equal(16384L, amqp["maxFrameSize"]);
        Assert.Equal("io.skupper.router.listener", amqp["type"]);
        Assert.Equal(3, amqp.Line);
        Assert.False(amqp.IsImplicit);
    }

    [Fact]
    public void CapturedConfig_EntitiesInConfigureOrder()
    {
        var config = ConfigLoader.Load(ConfigTestFiles.TestData("06-http2-across.routerB.json"));

        var order = config.Entities.Select(e => e.TypeName).Distinct().ToList();
        Assert.Equal(["log", "router", "policy", "httpConnector", "connector", "listener"], order);

        // The file's own log entity comes first, then one default entity per unconfigured module.
        Assert.Equal(6, config.Entities[0].Line);
        Assert.Equal("DEFAULT", config.Entities[0]["module"]);
        Assert.All(config.Entities.Skip(1).TakeWhile(e => e.TypeName == "log"), e => Assert.True(e.IsImplicit));
    }

    [Fact]
    public void CapturedConfig_AdaptorValuesTyped()
    {
        var config = ConfigLoader.Load(ConfigTestFiles.TestData("05-http1-across.routerA.json"));

        var h = config.OfType("httpListener").Single();
        Assert.Equal("HTTP1", h["protocolVersion"]);
        Assert.Equal("25100", h["port"]);
        Assert.Equal(0L, h["backlog"]);

        // Values are kept in schema order: the type's own attributes, then the inherited name and type.
        Assert.Equal(h.Type.Attributes.Select(a => a.Name).Where(h.Attributes.Contains), h.Attributes.Names);
        Assert.Equal(["name", "type"], h.Attributes.Names.TakeLast(2));
    }

    [Fact]
    public void SkupperStyleValues_Coerced()
    {
        var config = ConfigLoader.Load(ConfigTestFiles.TestData("skupper-site.json"));

        Assert.Equal(3L, config.Router["helloMaxAgeSeconds"]);
        Assert.Equal("{\"id\":\"3c0b6f4e\",\"version\":\"1.9.6\",\"platform\":\"kubernetes\"}", config.Router["metadata"]);
        var http = config.OfType("listener").Single(l => l.Name == "@9090");
        Assert.Equal("9090", http["port"]);
        Assert.Equal(true, http["http"]);
        Assert.Equal(true, http["websockets"]);
        Assert.Equal("5672", config.OfType("listener").Single(l => l.Name == "amqp")["port"]);
        var ir = config.OfType("listener").Single(l => l.Name == "interior-listener");
        Assert.Equal("inter-router", ir["role"]);
        Assert.Equal(640L, ir["maxSessionFrames"]);
        var mesh = config.OfType("connector").Single();
        Assert.Equal(false, mesh["verifyHostname"]);
        Assert.Equal(1L, mesh["cost"]);
        var mc = config.OfType("router.config.address").Single();
        Assert.Equal("address", mc.SectionType);
        Assert.Equal("multicast", mc["distribution"]);
        Assert.Equal("io.skupper.router.router.config.address", mc["type"]);
        Assert.Equal("0.0.0.0", config.OfType("tcpListener").Single()["host"]);
    }

    [Fact]
    public void LogTrace_ReplacedByDebug_AndDefaultModuleDefaultsFilled()
    {
        var config = ConfigLoader.Load(ConfigTestFiles.TestData("skupper-site.json"));

        var log = config.OfType("log").Single(l => !l.IsImplicit);
        Assert.Equal("debug+", log["enable"]);
        Assert.Equal(true, log["includeTimestamp"]);
        Assert.Equal(false, log["includeSource"]);
        Assert.Equal("stderr", log["outputFile"]);

        var router = config.OfType("log").Single(l => (string?)l["module"] == "ROUTER");
        Assert.True(router.IsImplicit);
        Assert.Null(router["enable"]);
    }

    [Fact]
    public void DefaultConf_Loads()
    {
        var config = ConfigLoader.Load(ConfigTestFiles.TestData("default.conf"));

        Assert.Equal("standalone", config.Mode);
        Assert.Matches("^Standalone_[a-zA-Z0-9+_]{15}$", config.RouterId);
        var listener = Assert.Single(config.OfType("listener"));
        Assert.Equal("0.0.0.0", listener["host"]);
        Assert.Equal("amqp", listener["port"]);
        Assert.Equal(false, listener["authenticatePeer"]);
        Assert.Equal("ANONYMOUS", listener["saslMechanisms"]);
        Assert.Equal(8, listener.Line);
        var addresses = config.OfType("io.skupper.router.router.config.address")
            .Select(a => ((string?)a["prefix"], (string?)a["distribution"]))
            .ToList();
        Assert.Equal(
            [("closest", "closest"), ("multicast", "multicast"), ("unicast", "closest"), ("exclusive", "closest"), ("broadcast", "multicast")],
            addresses);
        Assert.Equal("listener", config.Entities[^1].TypeName);
    }

    [Theory]
    [InlineData("interior", "^Interior_[a-zA-Z0-9+_]{15}$")]
    [InlineData("edge", "^Edge_[a-zA-Z0-9+_]{15}$")]
    public void MissingRouterId_Generated(string mode, string pattern)
    {
        string path = _files.Write("r.json", $"[[\"router\", {{\"mode\": \"{mode}\"}}]]");

        var config = ConfigLoader.Load(path, new Random(42));

        Assert.Matches(pattern, config.RouterId);
    }

    [Fact]
    public void NoRouterSection_ImplicitStandaloneRouterAndPolicy()
    {
        string path = _files.Write("r.json", "[[\"listener\", {\"port\": 5672}]]");

        var config = ConfigLoader.Load(path);

        Assert.True(config.Router.IsImplicit);
        Assert.Equal(0, config.Router.Line);
        Assert.Equal("standalone", config.Mode);
        Assert.Equal(4L, config.Router["workerThreads"]);
        Assert.Equal("0", config.Router["area"]);
        Assert.Equal(65535L, config.Policy["maxConnections"]);
        Assert.Equal("$default", config.Policy["defaultVhost"]);
    }

    [Fact]
    public void NamesNormalisedToCamelCase()
    {
        string path = _files.Write("r.conf", "router {\n    mode: interior\n    id: R\n    worker_threads: 8\n}\nssl-profile {\n    name: p\n    ca-cert-file: /x/ca.crt\n}\n");

        var config = ConfigLoader.Load(path);

        Assert.Equal(8L, config.Router["workerThreads"]);
        var p = Assert.Single(config.OfType("sslProfile"));
        Assert.Equal("/x/ca.crt", p["caCertFile"]);
        Assert.Equal("sslProfile", p.SectionType);
    }

    [Fact]
    public void SmallMaxFrameSize_RaisedTo512()
    {
        string path = _files.Write("r.json", "[[\"listener\", {\"name\": \"l\", \"maxFrameSize\": 100}], [\"connector\", {\"name\": \"c\", \"maxFrameSize\": 511}]]");

        var config = ConfigLoader.Load(path);

        Assert.Equal(512L, config.OfType("listener").Single()["maxFrameSize"]);
        Assert.Equal(512L, config.OfType("connector").Single()["maxFrameSize"]);
    }

    [Fact]
    public void JsonCommentLines_Ignored()
    {
        string path = _files.Write("r.json", "# header\n[\n    # the router\n    [\"router\", {\"id\": \"R\", \"mode\": \"interior\"}],\n  # listener\n    [\"listener\", {\"name\": \"a#b\", \"port\": 1}]\n]\n");

        var config = ConfigLoader.Load(path);

        var l = Assert.Single(config.OfType("listener"));
        Assert.Equal("a#b", l.Name);
        Assert.Equal(6, l.Line);
        Assert.Equal(4, config.Router.Line);
    }

    [Fact]
    public void PythonStyleBooleansAndEnumIndex_Accepted()
    {
        string path = _files.Write("r.conf", "router {\n    mode: 1\n    id: R\n}\nlistener {\n    port: 20000\n    role: 1\n    authenticatePeer: True\n    requireSsl: OFF\n}\n");

        var config = ConfigLoader.Load(path);

        Assert.Equal("interior", config.Mode);
        var l = Assert.Single(config.OfType("listener"));
        Assert.Equal("inter-router", l["role"]);
        Assert.Equal(true, l["authenticatePeer"]);
        Assert.Equal(false, l["requireSsl"]);
    }

    [Fact]
    public void DeprecatedAttributeName_AcceptedWithWarning()
    {
        string path = _files.Write("r.json", "[\n  [\"httpConnector\", {\"name\": \"h\", \"host\": \"a\", \"port\": 80, \"address\": \"x\", \"verifyHostName\": \"no\"}]\n]");

        var config = ConfigLoader.Load(path);

        Assert.Equal(false, config.OfType("httpConnector").Single()["verifyHostname"]);
        string warning = Assert.Single(config.Warnings);
        Assert.Equal($"{path}:2: httpConnector \"h\": Attribute 'verifyHostName' of entity 'httpConnector' has been deprecated. Use 'verifyHostname' instead", warning);
    }

    [Fact]
    public void OpenPropertiesAndMaps_Typed()
    {
        string path = _files.Write("r.json", "[[\"listener\", {\"name\": \"l\", \"openProperties\": {\"a\": 1, \"b\": [\"x\", true]}}]]");

        var config = ConfigLoader.Load(path);

        var props = Assert.IsType<AmqpMap>(config.OfType("listener").Single()["openProperties"]);
        Assert.Equal(1L, props["a"]);
        Assert.Equal(new List<object?> { "x", true }, Assert.IsType<List<object?>>(props["b"]));
    }

    [Fact]
    public void NullValue_CountsAsAbsent()
    {
        string path = _files.Write("r.json", "[[\"listener\", {\"name\": \"l\", \"port\": null, \"sslProfile\": null}]]");

        var l = ConfigLoader.Load(path).OfType("listener").Single();

        Assert.Equal("amqp", l["port"]);
        Assert.False(l.Attributes.Contains("sslProfile"));
    }

    [Fact]
    public void EmptyArray_OnlyImplicitEntities()
    {
        var config = ConfigLoader.Parse("[]", "x.json");

        Assert.Equal(22, config.Entities.Count);
        Assert.All(config.Entities, e => Assert.True(e.IsImplicit));
        Assert.Equal("router", config.Entities[20].TypeName);
        Assert.Equal("policy", config.Entities[21].TypeName);
    }

    public void Dispose() => _files.Dispose();
}
