using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Transport;

/// <summary>
/// Bad input against a running router: each kind closes only the offending connection, with an AMQP close carrying an
/// error where AMQP allows one (after the protocol header: transport.xml 2.2 answers a bad header with our header and
/// a closed socket). A proton client connected all along keeps sending and receiving without loss.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output) : InteropTest(output)
{
    private const string AmqpHeaderHex = "414d515000010000";
    private const string SaslHeaderHex = "414d515003010000";

    [Theory(Timeout = 90_000)]
    [InlineData("random-header", null)]
    [InlineData("wrong-header", null)]
    [InlineData("random-frames", "amqp:connection:framing-error")]
    [InlineData("oversize-frame", "amqp:connection:framing-error")]
    [InlineData("unattached-transfer", "amqp:session:unattached-handle")]
    [InlineData("bad-list-count", "amqp:decode-error")]
    [InlineData("sasl-random", null)]
    public async Task BadInput_ClosesOnlyThatConnection(string mode, string? condition)
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("BadInput").Listener("amqp"));
        var steady = StartClient("steady", "steady.py", "--url", router.Url(), "--timeout", "60");
        await steady.WaitForEventAsync("ready", EventTimeout);
        int before = await WaitForProgressAsync(steady, 1);

        var result = await RunClientAsync("bad", "badinput.py", ["--port", router.Port().ToString(), "--mode", mode, "--timeout", "10"]);

        Assert.True(result.Bool("eof"), "the router did not close the connection");
        var frames = result.GetProperty("frames").EnumerateArray().Select(f => f.GetString()).ToList();
        if (mode == "sasl-random")
        {
            // No AMQP close is possible in the SASL layer: the router answers the SASL header, offers its
            // mechanisms, and closes the socket on the garbage.
            Assert.Equal(SaslHeaderHex, result.Str("header"));
            Assert.Equal(["sasl-mechanisms"], frames);
        }
        else if (condition is not null)
        {
            Assert.Equal(AmqpHeaderHex, result.Str("header"));
            Assert.Equal("close", frames[^1]);
            Assert.Equal(condition, result.Str("condition"));
            Assert.False(string.IsNullOrEmpty(result.Str("description")));
        }
        else
        {
            // A bad protocol header: our header, then (as proton does) open + close(framing-error), then EOF.
            Assert.Equal(AmqpHeaderHex, result.Str("header"));
            Assert.True(frames.Count == 0 || frames.SequenceEqual(["open", "close"]), string.Join(",", frames));
            if (frames.Count > 0)
            {
                Assert.Equal("amqp:connection:framing-error", result.Str("condition"));
            }
        }

        // The other client keeps going (100 more messages round trip), then stops and checks nothing was lost.
        await WaitForProgressAsync(steady, before + 100);
        steady.CloseInput();
        var done = await steady.DoneAsync(ClientTimeout);
        Assert.True(done.Bool("ok"));
        Assert.Equal(done.Int("sent"), done.Int("received"));
        Assert.False(router.HasExited);
    }

    /// <summary>Waits until the steady client has received at least <paramref name="received"/> messages; returns the count.</summary>
    private static async Task<int> WaitForProgressAsync(PythonClient steady, int received)
    {
        var line = await steady.WaitForLineAsync(
            l => l.Contains("\"progress\"") && ReceivedOf(l) >= received, EventTimeout);
        return ReceivedOf(line);
    }

    private static int ReceivedOf(string line)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        return doc.RootElement.GetProperty("received").GetInt32();
    }
}
