using Skrouterd.Cli.Client;
using Xunit;

namespace Skrouterd.Cli.Tests.Client;

/// <summary>The -b URL as proton-python's Url parses and prints it (it appears in every connection error).</summary>
public sealed class BusUrlTests
{
    [Theory]
    [InlineData("0.0.0.0", "amqp://0.0.0.0:amqp", "0.0.0.0", 5672, null)]
    [InlineData("127.0.0.1:24001", "amqp://127.0.0.1:24001", "127.0.0.1", 24001, null)]
    [InlineData("localhost", "amqp://localhost:amqp", "localhost", 5672, null)]
    [InlineData("amqps://Router.Example:5671", "amqps://router.example:5671", "router.example", 5671, null)]
    [InlineData("amqps://h", "amqps://h:amqps", "h", 5671, null)]
    [InlineData("amqp://u:p%40ss@h:1/_topo/0/R/$management", "amqp://u:p%40ss@h:1/_topo/0/R/$management", "h", 1, "_topo/0/R/$management")]
    [InlineData("[::1]:5672", "amqp://[::1]:5672", "::1", 5672, null)]
    [InlineData("amqp://h:", "amqp://h:amqp", "h", 5672, null)]
    public void Parse_DefaultsAndPrintsLikeProton(string text, string printed, string host, int port, string? path)
    {
        var url = BusUrl.Parse(text);

        Assert.Equal(printed, url.ToString());
        Assert.Equal(host, url.Host);
        Assert.Equal(port, url.ResolvePort());
        Assert.Equal(path, url.Path);
    }

    [Fact]
    public void Credentials_AreDecoded()
    {
        var url = BusUrl.Parse("amqp://admin:p%40ss@h:1");
        Assert.Equal(("admin", "p@ss"), (url.Username, url.Password));
    }

    [Fact]
    public void TlsOptions_ForceAmqpsButKeepThePortName()
    {
        var url = BusUrl.Parse("0.0.0.0").WithScheme("amqps");
        Assert.Equal(("amqps://0.0.0.0:amqp", 5672), (url.ToString(), url.ResolvePort()));
    }

    [Fact]
    public void UnknownServiceName_IsValueError() =>
        Assert.Equal(
            "ValueError: Not a valid port number or service name: 'nosuchservice'",
            Assert.Throws<Skrouterd.Cli.Python.PyException>(() => BusUrl.Parse("h:nosuchservice").ResolvePort()).ToolLine);
}
