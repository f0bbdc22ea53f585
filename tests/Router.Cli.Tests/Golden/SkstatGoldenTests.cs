using System.Globalization;
using Skrouterd.Cli.Skstat;
using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.Golden;

/// <summary>
/// skstat's displays fed the replies the C router sent in capture 04-management must print exactly the golden
/// outputs of the real skstat (the clock pinned to the golden's header time).
/// </summary>
public sealed class SkstatGoldenTests
{
    [Theory]
    [InlineData("-g", 4, "skstat-g")]
    [InlineData("-c", 5, "skstat-c")]
    [InlineData("-l", 8, "skstat-l")]
    [InlineData("-a", 9, "skstat-a")]
    public async Task CapturedReplies_PrintGoldenOutput(string flag, int connection, string golden)
    {
        string expected = Capture.Golden(golden);
        var node = new ReplayNode(Capture.Replies(connection).Select(r => r.Message));
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var command = new SkstatCommand(node, SkstatOptions.Parse([flag]), output, FixedClock.FromGoldenHeader(expected));

        await command.DisplayAsync();

        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public async Task GeneralDisplay_QueriesRouterTwiceAfterMgmtNodes()
    {
        var node = new ReplayNode(Capture.Replies(4).Select(r => r.Message));
        var command = new SkstatCommand(node, SkstatOptions.Parse(["-g"]), TextWriter.Null, TimeProvider.System);

        await command.DisplayAsync();

        Assert.Equal(
            ["GET-MGMT-NODES", "QUERY io.skupper.router.router []", "QUERY io.skupper.router.router []"],
            node.Calls);
    }

    [Fact]
    public async Task LinksDisplay_RequestsTheSkstatColumnList()
    {
        var node = new ReplayNode(Capture.Replies(8).Select(r => r.Message));
        var command = new SkstatCommand(node, SkstatOptions.Parse(["-l"]), TextWriter.Null, TimeProvider.System);

        await command.DisplayAsync();

        Assert.Equal(
            "QUERY io.skupper.router.router.link [linkType,linkDir,connectionId,identity,owningAddr,capacity,undeliveredCount,"
            + "unsettledCount,deliveryCount,presettledCount,droppedPresettledCount,acceptedCount,rejectedCount,releasedCount,"
            + "modifiedCount,deliveriesDelayed1Sec,deliveriesDelayed10Sec,deliveriesStuck,creditAvailable,zeroCreditSeconds,"
            + "adminStatus,operStatus,linkName,priority,settleRate]",
            node.Calls[1]);
    }

    [Fact]
    public async Task CsvOutput_QuotesNonEmptyFields()
    {
        var node = new ReplayNode(Capture.Replies(5).Select(r => r.Message));
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var command = new SkstatCommand(node, SkstatOptions.Parse(["-c", "--csv"]), output, FixedClock.FromGoldenHeader(Capture.Golden("skstat-c")));

        await command.DisplayAsync();

        string[] lines = output.ToString().Split('\n');
        Assert.Equal("Connections", lines[3]);
        Assert.Equal("\"id\",\"host\",\"container\",\"role\",\"proto\",\"dir\",\"security\",\"authentication\",\"meshId\",\"last dlv\",\"uptime\"", lines[4]);
        Assert.Equal("\"5\",\"127.0.0.1:39530\",\"5750e330-8844-4e0b-86d7-1ed65c8264cf\",\"normal\",\"amqp\",\"in\",\"no-security\",\"no-auth\",,\"000:00:00:00\",\"000:00:00:00\"", lines[5]);
    }
}
