using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Skrouterd.Amqp.Framing;
using Skrouterd.Cli.Client;
using Skrouterd.Cli.Management;

// Management QUERY latency with many open connections (issue: "QUERY of connection with 1,000 open connections").
// Usage: MgmtQuery PORT CONNECTIONS QUERIES
// Measures, in the same run: QUERY of `connection` with only the tool's own connection open (reference), then
// with CONNECTIONS extra idle AMQP connections open; and QUERY of `router` (one row) at both points. Prints JSON.
int port = int.Parse(args[0]);
int connections = int.Parse(args[1]);
int queries = int.Parse(args[2]);

var settings = new ConnectionSettings(BusUrl.Parse($"127.0.0.1:{port}"), 30, null, null, Guid.NewGuid().ToString());
await using var node = await ManagementNode.ConnectAsync(settings, null, null);

var before = new { connection = await MeasureAsync(node, "io.skupper.router.connection", queries), router = await MeasureAsync(node, "io.skupper.router.router", queries) };

var idle = new List<Socket>(connections);
for (int i = 0; i < connections; i++)
{
    idle.Add(await OpenIdleAsync(port, i));
}

using var heartbeat = new Timer(_ =>
{
    foreach (var s in idle)
    {
        try
        {
            s.Send(FrameWriter.EmptyFrame);
        }
        catch (SocketException)
        {
        }
    }
}, null, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4));

var rows = await node.QueryAsync("io.skupper.router.connection", []);
var after = new { connection = await MeasureAsync(node, "io.skupper.router.connection", queries), router = await MeasureAsync(node, "io.skupper.router.router", queries) };
Console.WriteLine(JsonSerializer.Serialize(new
{
    idleConnections = connections,
    connectionRows = rows.Results.Count,
    before,
    after,
    ratioConnectionQuery = after.connection.P50Ms / before.connection.P50Ms,
}, new JsonSerializerOptions { WriteIndented = true }));

foreach (var s in idle)
{
    s.Dispose();
}

return 0;

static async Task<Latency> MeasureAsync(ManagementNode node, string type, int n)
{
    await node.QueryAsync(type, []); // warm-up
    var samples = new double[n];
    for (int i = 0; i < n; i++)
    {
        long t = Stopwatch.GetTimestamp();
        await node.QueryAsync(type, []);
        samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }

    Array.Sort(samples);
    return new Latency(samples[n / 2], samples[(int)(n * 0.9)], samples[^1]);
}

static async Task<Socket> OpenIdleAsync(int port, int i)
{
    var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    await s.ConnectAsync(IPAddress.Loopback, port);
    var w = new ArrayBufferWriter<byte>();
    w.Write(ProtocolHeader.Amqp);
    FrameWriter.Write(w, FrameHeader.TypeAmqp, 0, new Open { ContainerId = $"idle-{i}", IdleTimeOut = 0 });
    await s.SendAsync(w.WrittenMemory, SocketFlags.None);
    var buffer = new byte[4096];
    await s.ReceiveAsync(buffer, SocketFlags.None); // header + open back
    return s;
}

internal sealed record Latency(double P50Ms, double P90Ms, double MaxMs);
