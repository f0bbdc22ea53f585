using Skrouterd.Amqp.Codec;
using Skrouterd.Config;
using Xunit;

namespace Skrouterd.Tests.Config;

public sealed class ConfParserTests
{
    private static Dictionary<string, object?> Attrs(ConfigSection s) => s.Attributes.ToDictionary(kv => kv.Key, kv => kv.Value);

    [Fact]
    public void SectionsAndItems_ParsedAsStrings()
    {
        var sections = ConfParser.Parse("# c\n\nrouter {\n  mode: interior   # trailing\n\tid:R1\n}\n", "x.conf");

        var s = Assert.Single(sections);
        Assert.Equal("router", s.SectionType);
        Assert.Equal(3, s.Line);
        Assert.Equal(new Dictionary<string, object?> { ["mode"] = "interior", ["id"] = "R1" }, Attrs(s));
    }

    [Fact]
    public void HashAllowedInPatternBindingKeyAndHostname()
    {
        var sections = ConfParser.Parse("address {\n    pattern: a/#/b  # comment\n    distribution: multicast # c\n}\nvhost {\n    hostname: #weird\n}\n", "x.conf");

        Assert.Equal("a/#/b", Attrs(sections[0])["pattern"]);
        Assert.Equal("multicast", Attrs(sections[0])["distribution"]);
        Assert.Equal("#weird", Attrs(sections[1])["hostname"]);
    }

    [Fact]
    public void HashElsewhere_StartsComment()
    {
        var sections = ConfParser.Parse("connector {\n    saslPassword: pass:abc#def\n}\n", "x.conf");

        Assert.Equal("pass:abc", Attrs(sections[0])["saslPassword"]);
    }

    [Fact]
    public void ValueKeepsInnerSpaces_AndJsonEscapes()
    {
        var sections = ConfParser.Parse("listener {\n    saslMechanisms: EXTERNAL  PLAIN\n    name: a\\u0041\n}\n", "x.conf");

        Assert.Equal("EXTERNAL  PLAIN", Attrs(sections[0])["saslMechanisms"]);
        Assert.Equal("aA", Attrs(sections[0])["name"]);
    }

    [Fact]
    public void OpenProperties_PassedThroughAsJson()
    {
        const string text = """
            listener {
                port: 5672
                openProperties: {
                    "product": "x",
                    # a comment line
                    "nested": {
                        "n": 1,
                    },
                    "list": [1, 2,],
                },
            }
            """;

        var s = Assert.Single(ConfParser.Parse(text, "x.conf"));

        var props = Assert.IsType<AmqpMap>(Attrs(s)["openProperties"]);
        Assert.Equal("x", props["product"]);
        Assert.Equal(1L, Assert.IsType<AmqpMap>(props["nested"])["n"]);
        Assert.Equal(new List<object?> { 1L, 2L }, props["list"]);
        Assert.Null(s.Error);
    }

    [Fact]
    public void NestedConfMap_ValuesAreStrings()
    {
        var s = Assert.Single(ConfParser.Parse("vhost {\n    hostname: h\n    extra: {\n        a: 1\n    }\n}\n", "x.conf"));

        var map = Assert.IsType<AmqpMap>(Attrs(s)["extra"]);
        Assert.Equal("1", map["a"]);
    }

    [Fact]
    public void CrLfLineEndings_Accepted()
    {
        var s = Assert.Single(ConfParser.Parse("router {\r\n    mode: edge\r\n}\r\n", "x.conf"));

        Assert.Equal("edge", Attrs(s)["mode"]);
    }

    [Fact]
    public void JunkLineInSection_DeferredUntilNameKnown()
    {
        var s = Assert.Single(ConfParser.Parse("listener {\n    what is this\n    name: l\n}\n", "x.conf"));

        Assert.NotNull(s.Error);
        Assert.Contains("line 2", s.Error!.Detail, StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("listener {\n    what is this\n    name: l\n}\n", "x.conf"));
        Assert.StartsWith("x.conf:1: listener \"l\": Invalid config file syntax at line 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker_threads", "workerThreads")]
    [InlineData("ssl-profile", "sslProfile")]
    [InlineData("maxFrameSize", "maxFrameSize")]
    [InlineData("io.skupper.router.listener", "ioSkupperRouterListener")]
    [InlineData("SASL_MECHANISMS", "SASLMechanisms")]
    [InlineData("a__b", "aB")]
    [InlineData("", "")]
    public void CamelCase(string input, string expected) => Assert.Equal(expected, ConfigNames.CamelCase(input));
}
