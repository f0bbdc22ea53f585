using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Skrouterd.Cli.LiveTests.Infrastructure;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Cli.LiveTests;

/// <summary>
/// A TCP flow through a tcpListener and a tcpConnector of one router to an echo server in the test: while it is open
/// the tools show the adaptor's connections (proto tcp) and the tcpConnection rows with the bytes that went through.
/// </summary>
public sealed class TcpFlowTests(ITestOutputHelper output) : LiveTest(output)
{
    private const string RouterId = "Live.Tcp";
    private static readonly byte[] s_payload = Encoding.ASCII.GetBytes("hello through the router's tcp adaptor\n");

    [Fact(Timeout = 90_000)]
    public async Task OpenFlow_ShownBySkstatAndSkmanage()
    {
        using var echo = new LoopbackEchoServer();
        int listenPort = FreePort();
        var router = await StartRouterAsync(new RouterConfigBuilder(RouterId)
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false))
            .Add("tcpConnector", ("name", "echo-connector"), ("host", "127.0.0.1"), ("port", echo.Port.ToString()), ("address", "live-echo"))
            .Add("tcpListener", ("name", "echo-listener"), ("host", "127.0.0.1"), ("port", listenPort.ToString()), ("address", "live-echo")));

        await WaitUntilAsync("tcpListener up", async () =>
            (await QueryAsync(router, "tcpListener")).Single().Str("operStatus") == "up");

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, listenPort);
        var stream = client.GetStream();
        await stream.WriteAsync(s_payload);
        var echoed = new byte[s_payload.Length];
        await stream.ReadExactlyAsync(echoed);
        Assert.Equal(s_payload, echoed);

        // skstat -c: the adaptor's connections, proto tcp, next to skstat's own amqp one.
        var connections = await SkstatTableAsync(router, "Connections", Headings.Connections, "-c");
        var tcp = connections.Where("proto", "tcp");
        Assert.NotEmpty(tcp);
        Assert.Contains(tcp, c => c["dir"] == "in" && c["host"].StartsWith("127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(tcp, c => c["dir"] == "out" && c["host"] == $"127.0.0.1:{echo.Port}");
        Assert.Single(connections.Where("proto", "amqp"));
        Assert.Single(tcp, c => c["host"] == "egress-dispatch"); // the tcpConnector's dispatcher connection

        // skstat -g: the C adaptor counts every connection it opens, the dispatcher's too (tcp_adaptor.c).
        var general = (await SkstatTableAsync(router, "Router Statistics", Headings.General, "-g")).Rows.ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(tcp.Count.ToString(), general["TCP Service Connections"]);
        Assert.Equal("1", general["AMQP Service Connections"]);

        // skmanage query --type tcpConnection: both sides of the flow with the bytes that went through.
        var rows = await QueryAsync(router, "tcpConnection");
        Assert.Equal(["in", "out"], rows.Select(r => r.Str("direction")).Order());
        foreach (var row in rows)
        {
            Assert.Equal("live-echo", row.Str("address"));
            Assert.Equal(s_payload.Length, row.GetProperty("bytesIn").GetInt64());
            Assert.Equal(s_payload.Length, row.GetProperty("bytesOut").GetInt64());
            Assert.Equal(["name", "identity", "address", "host", "direction", "bytesIn", "bytesOut", "uptimeSeconds", "lastInSeconds", "lastOutSeconds"],
                row.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal($"127.0.0.1:{echo.Port}", rows.Single(r => r.Str("direction") == "out").Str("host"));

        // The tcpListener and tcpConnector counters.
        var listener = (await QueryAsync(router, "tcpListener")).Single();
        Assert.Equal((1L, (long)s_payload.Length, (long)s_payload.Length), (listener.GetProperty("connectionsOpened").GetInt64(), listener.GetProperty("bytesIn").GetInt64(), listener.GetProperty("bytesOut").GetInt64()));
    }

    private async Task<List<JsonElement>> QueryAsync(RouterProcess router, string type)
    {
        var run = await SkmanageAsync(router, "query", "--type", type);
        Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        return [.. doc.RootElement.Clone().EnumerateArray()];
    }
}
