using Skrouterd.Amqp.Codec;
using Skrouterd.Management.Schema;
using Xunit;

namespace Skrouterd.Tests.Management.Schema;

public sealed class EntityValidatorTests
{
    private static AttributeSet Validate(string type, ValidationMode mode, params (string Name, object? Value)[] attrs) =>
        EntityValidator.Validate(RouterSchema.Get(type), attrs.Select(a => new KeyValuePair<string, object?>(a.Name, a.Value)), mode).Attributes;

    private static EntityValidationException Fails(string type, ValidationMode mode, params (string Name, object? Value)[] attrs) =>
        Assert.Throws<EntityValidationException>(() => Validate(type, mode, attrs));

    [Fact]
    public void DefaultsFilled_InSchemaOrder_TypeFullyQualified()
    {
        var a = Validate("listener", ValidationMode.Create, ("name", "l"), ("port", 5672L));

        Assert.Equal("5672", a["port"]);
        Assert.Equal("", a["host"]);
        Assert.Equal("normal", a["role"]);
        Assert.Equal(16384L, a["maxFrameSize"]);
        Assert.Equal("io.skupper.router.listener", a["type"]);
        Assert.Equal("host", a[0].Key);
        Assert.Equal(["name", "type"], a.Names.TakeLast(2));
        Assert.False(a.Contains("sslProfile"));
    }

    [Theory]
    [InlineData("identity", "Cannot set attribute 'identity' in CREATE")]
    [InlineData("connectionStatus", "Cannot set attribute 'connectionStatus' in CREATE")]
    [InlineData("bogus", "Unknown attribute 'bogus' for 'io.skupper.router.connector'")]
    public void Create_RejectsNonCreateAttributes(string attribute, string message)
    {
        var ex = Fails("connector", ValidationMode.Create, ("name", "c"), (attribute, "x"));

        Assert.Equal(message, ex.Message);
        Assert.Equal(message, ex.ManagementDescription);
        Assert.Equal(attribute, ex.Attribute);
    }

    [Fact]
    public void Configuration_DoesNotEnforceCreateFlag()
    {
        var a = Validate("connector", ValidationMode.Configuration, ("connectionStatus", "x"));

        Assert.Equal("x", a["connectionStatus"]);
    }

    [Fact]
    public void MissingRequired_ManagementDescriptionPrefixed()
    {
        var ex = Fails("log", ValidationMode.Configuration, ("enable", "info+"));

        Assert.Equal("Missing required attribute 'module'", ex.Message);
        Assert.Equal("io.skupper.router.log: Missing required attribute 'module'", ex.ManagementDescription);
        Assert.Equal("module", ex.Attribute);
    }

    [Fact]
    public void UnknownAttribute_InConfigurationMode_Prefixed()
    {
        var ex = Fails("listener", ValidationMode.Configuration, ("prot", 1L));

        Assert.Equal("io.skupper.router.listener: Unknown attribute 'prot' for 'io.skupper.router.listener'", ex.ManagementDescription);
    }

    public static TheoryData<string, string, object, object> GoodCoercions => new()
    {
        { "listener", "port", 5672L, "5672" },
        { "listener", "port", 5672.0, "5672.0" },
        { "listener", "port", 12.5, "12.5" },
        { "listener", "port", 1e20, "1e+20" },
        { "listener", "port", new AmqpSymbol("amqps"), "amqps" },
        { "listener", "host", true, "True" },
        { "listener", "port", 5672, "5672" },
        { "router", "helloMaxAgeSeconds", "3", 3L },
        { "router", "helloMaxAgeSeconds", " -3 ", -3L },
        { "router", "helloMaxAgeSeconds", "1_000", 1000L },
        { "router", "helloMaxAgeSeconds", 7.9, 7L },
        { "router", "helloMaxAgeSeconds", (ushort)9, 9L },
        { "router", "helloMaxAgeSeconds", true, 1L },
        { "listener", "authenticatePeer", "YES", true },
        { "listener", "authenticatePeer", "Off", false },
        { "listener", "authenticatePeer", "true", true },
        { "listener", "authenticatePeer", "on", true },
        { "listener", "authenticatePeer", "no", false },
        { "listener", "authenticatePeer", "FALSE", false },
        { "listener", "authenticatePeer", 0L, false },
        { "listener", "authenticatePeer", 2L, true },
        { "listener", "role", "edge", "edge" },
        { "listener", "role", 1L, "inter-router" },
        { "listener", "role", "2", "route-container" },
        { "listener", "role", -1L, "inter-edge" },
        { "router", "mode", (byte)2, "edge" },
    };

    [Theory]
    [MemberData(nameof(GoodCoercions))]
    public void Coercion_Accepts(string type, string attribute, object input, object expected) =>
        Assert.Equal(expected, Validate(type, ValidationMode.Configuration, (attribute, input))[attribute]);

    public static TheoryData<string, string, object, string> BadCoercions => new()
    {
        { "router", "helloMaxAgeSeconds", "3.0", "Invalid integer value '3.0' for attribute 'helloMaxAgeSeconds'" },
        { "router", "helloMaxAgeSeconds", "abc", "Invalid integer value 'abc' for attribute 'helloMaxAgeSeconds'" },
        { "router", "helloMaxAgeSeconds", ulong.MaxValue, "Invalid integer value '18446744073709551615' for attribute 'helloMaxAgeSeconds'" },
        { "listener", "authenticatePeer", "maybe", "Invalid Boolean value 'maybe' for attribute 'authenticatePeer'" },
        { "listener", "role", "Edge", "Invalid value 'Edge' for attribute 'role': must be one of 'normal', 'inter-router', 'route-container', 'edge', 'inter-edge'" },
        { "listener", "role", 5L, "Invalid value '5' for attribute 'role'" },
        { "listener", "port", new AmqpMap(), "Invalid value for attribute 'port': expected a string, got a map" },
        { "listener", "openProperties", "x", "Invalid value for attribute 'openProperties': Properties must be a map" },
        { "listener", "openProperties", new AmqpMap { { "é", 1L } }, "Invalid value for attribute 'openProperties': Property keys must be ASCII encoded" },
        { "vhost", "groups", new List<object?>(), "Invalid value for attribute 'groups': expected a map, got a list" },
    };

    [Theory]
    [MemberData(nameof(BadCoercions))]
    public void Coercion_Rejects(string type, string attribute, object input, string message)
    {
        var ex = type == "vhost"
            ? Fails(type, ValidationMode.Configuration, ("hostname", "h"), (attribute, input))
            : Fails(type, ValidationMode.Configuration, (attribute, input));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(attribute, ex.Attribute);
        Assert.True(ex.FromTypeValidation);
    }

    [Fact]
    public void List_Accepted()
    {
        var t = RouterSchema.Get("router.node");
        var a = EntityValidator.Validate(t, [new("linkState", new List<object?> { "A", "B" })], ValidationMode.Configuration).Attributes;

        Assert.Equal(new List<object?> { "A", "B" }, a["linkState"]);
    }

    [Fact]
    public void AmqpBody_SymbolKeysAccepted()
    {
        var body = new AmqpMap { { new AmqpSymbol("name"), "p" }, { "certFile", "/c" }, { "type", "sslProfile" } };

        var a = EntityValidator.Validate(RouterSchema.Get("sslProfile"), body, ValidationMode.Create).Attributes;

        Assert.Equal("p", a["name"]);
        Assert.Equal("/c", a["certFile"]);
        Assert.Equal("io.skupper.router.sslProfile", a["type"]);
        Assert.Equal(new AmqpMap { { "certFile", "/c" }, { "name", "p" }, { "type", "io.skupper.router.sslProfile" } }, a.ToAmqpMap(), AmqpValueComparer.Instance);
    }

    [Fact]
    public void DeprecatedAlias_Mapped_WithWarning()
    {
        var r = EntityValidator.Validate(
            RouterSchema.Get("httpConnector"),
            [new("verifyHostName", false), new("host", "h"), new("port", "80"), new("address", "a")],
            ValidationMode.Create);

        Assert.Equal(false, r.Attributes["verifyHostname"]);
        Assert.False(r.Attributes.Contains("verifyHostName"));
        Assert.Single(r.Warnings);
    }

    [Fact]
    public void CheckUpdate_OnlyUpdatableOrUnchanged()
    {
        var log = RouterSchema.Get("log");
        var current = Validate("log", ValidationMode.Configuration, ("module", "ROUTER"));

        EntityValidator.CheckUpdate(log, [new("enable", "debug+"), new("module", "ROUTER")], current);
        var ex = Assert.Throws<EntityValidationException>(() => EntityValidator.CheckUpdate(log, [new("module", "SERVER")], current));
        Assert.Equal("Cannot update attribute 'module' in UPDATE", ex.Message);
    }
}
