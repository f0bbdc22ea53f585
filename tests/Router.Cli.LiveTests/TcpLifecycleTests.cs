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
/// A tcpConnector and a tcpListener made with <c>skmanage create</c> on a running router carry a TCP flow to an echo
/// server of the test; the tools follow the flow's life: the two <c>tcpConnection</c> rows (client side <c>in</c>,
/// server side <c>out</c>) while it is open, none once it closed; the adaptor's service-connection count (the C
/// adaptor counts the connector's egress-dispatch connection too: 0, 1 configured, 3 with one flow); and
/// <c>skmanage delete</c> closes the listening socket.
/// </summary>
public sealed class TcpLifecycleTests(ITestOutputHelper output) : ManagementLiveTest(output)
{
    private const string RouterId = "Live.TcpLife";
    private const string Address = "live/echo";
    private static readonly byte[] s_payload = Encoding.ASCII.GetBytes("twenty-five bytes here!\r\n");

    private static long N(JsonElement row, string attribute) => row.GetProperty(attribute).GetInt64();

    [Fact(Timeout = 120_000)]
    public async Task CreatedPair_CarriesAFlow_RowsAndCountersFollowIt_DeleteStopsListening()
    {
        using var echo = new LoopbackEchoServer();
        int listenPort = FreePort();
        var router = await StartRouterAsync(new RouterConfigBuilder(RouterId)
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false)));

        var g0 = await GeneralAsync(router);
        Assert.Equal(("0", "1"), (g0["TCP Service Connections"], g0["AMQP Service Connections"]));
        Assert.Empty(await QueryAsync(router, "tcpConnection"));

        // CREATE answers the entity: what was given, then type, name, identity and the defaults.
        var connector = await SkmanageJsonAsync(router, "create", "--type", "tcpConnector", "--name", "echo-connector",
            "host=127.0.0.1", $"port={echo.Port}", $"address={Address}");
        Assert.Equal(["host", "port", "address", "type", "name", "identity"], connector.EnumerateObject().Take(6).Select(p => p.Name));
        Assert.Equal(("io.skupper.router.tcpConnector", $"tcpConnector/127.0.0.1:{echo.Port}:echo-connector", echo.Port.ToString(), Address),
            (connector.Str("type"), connector.Str("identity"), connector.Str("port"), connector.Str("address")));
        Assert.Equal(1L, N(Assert.Single(await QueryAsync(router, "tcpConnector")), "connectionsOpened")); // its dispatcher

        var listener = await SkmanageJsonAsync(router, "create", "--type", "tcpListener", "--name", "echo-listener",
            "host=127.0.0.1", $"port={listenPort}", $"address={Address}");
        Assert.Equal(("io.skupper.router.tcpListener", $"tcpListener/127.0.0.1:{listenPort}:echo-listener"), (listener.Str("type"), listener.Str("identity")));

        // The listener listens once its address has a consumer (the connector's dispatcher).
        await WaitUntilAsync("tcpListener up", async () => Assert.Single(await QueryAsync(router, "tcpListener")).Str("operStatus") == "up");

        // Configured, idle: one TCP service connection, the connector's egress dispatcher.
        var g1 = await GeneralAsync(router);
        Assert.Equal("1", g1["TCP Service Connections"]);
        var idle = await SkstatTableAsync(router, "Connections", Headings.Connections, "-c");
        var dispatcher = Assert.Single(idle.Where("proto", "tcp"));
        Assert.Equal(("egress-dispatch", "TcpAdaptor", "out"), (dispatcher["host"], dispatcher["container"], dispatcher["dir"]));

        // One flow: the client's bytes come back from the echo server through the router.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, listenPort);
            string clientEnd = $"127.0.0.1:{((IPEndPoint)client.Client.LocalEndPoint!).Port}";
            var stream = client.GetStream();
            await stream.WriteAsync(s_payload);
            var echoed = new byte[s_payload.Length];
            await stream.ReadExactlyAsync(echoed);
            Assert.Equal(s_payload, echoed);

            // Both sides counted every byte once the echo is back (polled: the counters follow the socket writes).
            List<JsonElement> rows = [];
            await WaitUntilAsync("both tcpConnection rows with all bytes", async () =>
            {
                rows = await QueryAsync(router, "tcpConnection");
                return rows.Count == 2 && rows.All(r => N(r, "bytesIn") == s_payload.Length && N(r, "bytesOut") == s_payload.Length);
            });

            // Client side first (its connection was added first), then the server side; both named by the client's
            // address (the connector side takes the global id the flow's message carried).
            Assert.Equal(["in", "out"], rows.Select(r => r.Str("direction")));
            var (inRow, outRow) = (rows[0], rows[1]);
            Assert.Equal((clientEnd, clientEnd, Address), (inRow.Str("name"), inRow.Str("host"), inRow.Str("address")));
            Assert.Equal((clientEnd, $"127.0.0.1:{echo.Port}", Address), (outRow.Str("name"), outRow.Str("host"), outRow.Str("address")));
            Assert.True(long.Parse(inRow.Str("identity")!) < long.Parse(outRow.Str("identity")!));
            Assert.All(rows, r => Assert.True(N(r, "uptimeSeconds") >= 0 && N(r, "lastInSeconds") >= 0 && N(r, "lastOutSeconds") >= 0));

            // skstat -c lists the same connections (identity = connection id), next to the dispatcher and skstat.
            var open = await SkstatTableAsync(router, "Connections", Headings.Connections, "-c");
            var flowIn = open.Single("id", inRow.Str("identity")!);
            var flowOut = open.Single("id", outRow.Str("identity")!);
            Assert.Equal(("tcp", "in", clientEnd, "TcpAdaptor"), (flowIn["proto"], flowIn["dir"], flowIn["host"], flowIn["container"]));
            Assert.Equal(("tcp", "out", $"127.0.0.1:{echo.Port}", "TcpAdaptor"), (flowOut["proto"], flowOut["dir"], flowOut["host"], flowOut["container"]));
            Assert.Equal(3, open.Where("proto", "tcp").Count);

            // skstat -g: dispatcher + the flow's two connections; all connections = those and skstat's own.
            var g2 = await GeneralAsync(router);
            Assert.Equal(("3", "1", "4"), (g2["TCP Service Connections"], g2["AMQP Service Connections"], g2["Total Connections"]));

            // The listener and connector counters.
            var l = Assert.Single(await QueryAsync(router, "tcpListener"));
            Assert.Equal((1L, 0L, s_payload.Length, s_payload.Length), (N(l, "connectionsOpened"), N(l, "connectionsClosed"), N(l, "bytesIn"), N(l, "bytesOut")));
            var c = Assert.Single(await QueryAsync(router, "tcpConnector"));
            Assert.Equal((2L, 0L, s_payload.Length, s_payload.Length), (N(c, "connectionsOpened"), N(c, "connectionsClosed"), N(c, "bytesIn"), N(c, "bytesOut")));

            // READ of one row by identity (the C agent reads tcpConnection by identity).
            var read = await SkmanageJsonAsync(router, "read", "--type", "tcpConnection", "--identity", inRow.Str("identity")!);
            Assert.Equal(("in", clientEnd), (read.Str("direction"), read.Str("name")));
        }

        // The client closed: the echo server finishes too, the flow ends and its rows and connections go.
        await WaitUntilAsync("tcpConnection rows gone", async () => (await QueryAsync(router, "tcpConnection")).Count == 0);
        await WaitUntilAsync("back to the dispatcher only", async () => (await GeneralAsync(router))["TCP Service Connections"] == "1");
        var closed = Assert.Single(await QueryAsync(router, "tcpListener"));
        Assert.Equal((1L, 1L), (N(closed, "connectionsOpened"), N(closed, "connectionsClosed")));
        var connectorClosed = Assert.Single(await QueryAsync(router, "tcpConnector"));
        Assert.Equal((2L, 1L), (N(connectorClosed, "connectionsOpened"), N(connectorClosed, "connectionsClosed"))); // the dispatcher stays

        // DELETE of the listener: no output, the entity is gone and the port stops accepting.
        Assert.Equal("", await SkmanageOkAsync(router, "delete", "--type", "tcpListener", "--name", "echo-listener"));
        Assert.Empty(await QueryAsync(router, "tcpListener"));
        await WaitUntilAsync("listening port closed", async () => !await AcceptsAsync(listenPort));

        // DELETE of the connector takes its dispatcher away.
        Assert.Equal("", await SkmanageOkAsync(router, "delete", "--type", "tcpConnector", "--name", "echo-connector"));
        Assert.Empty(await QueryAsync(router, "tcpConnector"));
        await WaitUntilAsync("no TCP service connection", async () => (await GeneralAsync(router))["TCP Service Connections"] == "0");
        Assert.Equal(1, echo.Accepted);
    }

    /// <summary>Whether a loopback connect to <paramref name="port"/> is accepted (refused: false).</summary>
    private static async Task<bool> AcceptsAsync(int port)
    {
        using var probe = new TcpClient();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await probe.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }
}
