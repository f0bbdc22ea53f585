using Skrouterd.Amqp.Messaging;
using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.EndToEnd;

/// <summary>
/// The tools end to end over a real socket against a fake agent that replays the C router's captured replies: the
/// output must equal the real tools' golden output and every request must be byte-identical to what the real tools
/// sent (same container-id, reply address and correlation ids).
/// </summary>
public sealed class CapturedReplayTests
{
    private static FakeManagementServer Replay(int connection)
    {
        var replies = new Queue<CapturedTransfer>(Capture.Replies(connection));
        return new FakeManagementServer(
            _ => new FakeReply(replies.Dequeue().Payload),
            new FakeServerOptions { DynamicAddress = Capture.ReplyAddress(connection) });
    }

    [Theory(Timeout = 30_000)]
    [InlineData("-g", 4, "skstat-g")]
    [InlineData("-c", 5, "skstat-c")]
    [InlineData("-l", 8, "skstat-l")]
    [InlineData("-a", 9, "skstat-a")]
    public async Task Skstat_OverSocket_PrintsGoldenAndSendsCapturedRequests(string flag, int connection, string golden)
    {
        string expected = Capture.Golden(golden);
        await using var server = Replay(connection);

        var run = await ToolRun.SkstatAsync([flag, "-b", server.Bus], FixedClock.FromGoldenHeader(expected), Capture.ClientContainerId(connection));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Stdout);
        Assert.Equal("", run.Stderr);
        AssertRequestsAsCaptured(server, connection);
    }

    [Fact(Timeout = 30_000)]
    public async Task SkmanageQuery_OverSocket_PrintsGolden()
    {
        await using var server = Replay(1);

        var run = await ToolRun.SkmanageAsync(["query", "--type", "listener", "-b", server.Bus], containerId: Capture.ClientContainerId(1));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Capture.Golden("skmanage-query-listener"), run.Stdout);
        AssertRequestsAsCaptured(server, 1);
    }

    [Fact(Timeout = 30_000)]
    public async Task SkmanageCreate_OverSocket_PrintsGolden()
    {
        await using var server = Replay(2);

        var run = await ToolRun.SkmanageAsync(
            ["create", "--type", "tcpListener", "--name", "mgmt-tcp-listener", "host=127.0.0.1", "port=24100", "address=mgmt-echo", "-b", server.Bus],
            containerId: Capture.ClientContainerId(2));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Capture.Golden("skmanage-create-tcpListener"), run.Stdout);
        AssertRequestsAsCaptured(server, 2);
    }

    [Fact(Timeout = 30_000)]
    public async Task SkmanageDelete_OverSocket_PrintsNothing()
    {
        await using var server = Replay(3);

        var run = await ToolRun.SkmanageAsync(
            ["delete", "--type", "tcpListener", "--name", "mgmt-tcp-listener", "-b", server.Bus], containerId: Capture.ClientContainerId(3));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Capture.Golden("skmanage-delete-tcpListener"), run.Stdout);
        AssertRequestsAsCaptured(server, 3);
    }

    [Fact(Timeout = 30_000)]
    public async Task SkmanageUnknownOperation_OverSocket_PrintsNotImplementedAndExits1()
    {
        await using var server = Replay(7);

        var run = await ToolRun.SkmanageAsync(["FROBNICATE", "--type", "listener", "--name", "amqp", "-b", server.Bus], containerId: Capture.ClientContainerId(7));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(Capture.Golden("skmanage-bogus-operation"), run.Stdout);
        AssertRequestsAsCaptured(server, 7);
    }

    [Fact(Timeout = 30_000)]
    public async Task ClientFrames_MatchProtonEncoding()
    {
        await using var server = Replay(1);

        await ToolRun.SkmanageAsync(["query", "--type", "listener", "-b", server.Bus], containerId: Capture.ClientContainerId(1));

        var frames = server.ClientFrames.ToList();
        string Hex(string name) => Convert.ToHexString(frames.First(f => f.Performative == name).Frame).ToLowerInvariant();
        Assert.Equal("414d515000010000", Convert.ToHexString(server.ProtocolHeaders.Single()).ToLowerInvariant());

        // Captured #4, #8 (open, begin, sender attach) and #14 (receiver flow), #16 (close).
        Assert.Equal(
            "0000004902000000005310c03c0aa12464396139353634662d666132622d346464352d393862302d333063313266653239393236a1093132372e302e302e3140"
            + "607fff404040404040",
            Hex("Open"));
        Assert.Equal("0000001a02000000005311c00d044043707fffffff707fffffff", Hex("Begin"));
        Assert.Equal(
            "0000007702000000005312c06a0ea13064396139353634662d666132622d346464352d393862302d3330633132666532393932362d246d616e6167656d656e74"
            + "434250025000005328c00c0b4043404342404040404040005329c01407a10b246d616e6167656d656e7443404342404040404344404040",
            Hex("Attach"));
        Assert.Equal("0000002102000000005313c0140943707fffffff43707fffffff52014352014042", Hex("Flow"));
        Assert.Equal(
            "0000002402000000005313c017095201707fffffff5201707fffffff5201520152014042",
            Convert.ToHexString(frames.Last(f => f.Performative == "Flow").Frame).ToLowerInvariant());
        Assert.Equal("0000000c0200000000531845", Hex("Close"));
        Assert.Equal(
            Convert.ToHexString(Capture.Requests(1)[0].Frame),
            Convert.ToHexString(frames.First(f => f.Performative == "Transfer").Frame));
    }

    private static void AssertRequestsAsCaptured(FakeManagementServer server, int connection)
    {
        var expected = Capture.Requests(connection).Select(r => Convert.ToHexString(r.Payload)).ToList();
        var actual = server.Requests.Select(r => Convert.ToHexString(r.Payload)).ToList();
        Assert.Equal(expected, actual);
    }
}
