using Skrouterd.Logging;
using Xunit;

namespace Skrouterd.Tests.Logging;

public sealed class LogStateFormatTests
{
    [Fact]
    public void Defaults_TimestampNoSource_LocalTime()
    {
        using var log = new LogCapture();
        log.State.Log(LogModule.Server, LogSeverity.Info, "Listening on localhost:5672 (amqp)", "ListeningOn", 12);
        Assert.Equal("2025-03-04 10:20:30.123456 +0000 SERVER (info) Listening on localhost:5672 (amqp)\n", log.ErrorText);
    }

    [Fact]
    public void NoTimestamp()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { IncludeTimestamp = false });
        log.State.Log(LogModule.RouterCore, LogSeverity.Warning, "[C7] Connection Opened");
        Assert.Equal("ROUTER_CORE (warning) [C7] Connection Opened\n", log.ErrorText);
    }

    [Fact]
    public void TimestampAndSource()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { IncludeSource = true });
        log.State.Log(LogModule.Server, LogSeverity.Error, "Connection to x:5672 failed", "ConnectFailed", 1042);
        Assert.Equal("2025-03-04 10:20:30.123456 +0000 SERVER (error) Connection to x:5672 failed (ConnectFailed:1042)\n", log.ErrorText);
    }

    [Fact]
    public void SourceWithoutTimestamp()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Agent) { IncludeSource = true, IncludeTimestamp = false });
        log.State.Log(LogModule.Agent, LogSeverity.Critical, "boom", "Boom", 7);
        Assert.Equal("AGENT (critical) boom (Boom:7)\n", log.ErrorText);
    }

    [Fact]
    public void SourceRequested_ButEventHasNone_NotPrinted()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { IncludeSource = true, IncludeTimestamp = false });
        log.State.Log(LogModule.Router, LogSeverity.Info, "Version: 2.7.6");
        Assert.Equal("ROUTER (info) Version: 2.7.6\n", log.ErrorText);
    }

    [Fact]
    public void LocalZone_PrintsLocalTimeAndOffset()
    {
        using var log = new LogCapture(new TestClock(TestClock.Sample, TestClock.FixedZone(-5)));
        log.State.Log(LogModule.Server, LogSeverity.Info, "x");
        Assert.Equal("2025-03-04 05:20:30.123456 -0500 SERVER (info) x\n", log.ErrorText);
    }

    [Fact]
    public void TimestampsInUtc_IgnoresLocalZone()
    {
        using var log = new LogCapture(new TestClock(TestClock.Sample, TestClock.FixedZone(-5)));
        log.State.SetTimestampOptions(null, timestampsInUtc: true);
        log.State.Log(LogModule.Server, LogSeverity.Info, "x");
        Assert.Equal("2025-03-04 10:20:30.123456 +0000 SERVER (info) x\n", log.ErrorText);
    }

    [Fact]
    public void CustomFormat_ReplacesDateTimePart()
    {
        using var log = new LogCapture(new TestClock(TestClock.Sample, TestClock.FixedZone(2)));
        log.State.SetTimestampOptions("%d/%b/%Y:%T %Z", timestampsInUtc: false);
        log.State.Log(LogModule.Http, LogSeverity.Info, "a");
        log.State.SetTimestampOptions("%F %T.%%06lu %Z", timestampsInUtc: true);
        log.State.Log(LogModule.Http, LogSeverity.Info, "b");
        Assert.Equal(["04/Mar/2025:12:20:30 +02 HTTP (info) a", "2025-03-04 10:20:30.123456 GMT HTTP (info) b"], log.ErrorLines);
    }

    [Fact]
    public void ZoneAbbreviation_UtcZone()
    {
        using var log = new LogCapture();
        log.State.SetTimestampOptions("%Z", timestampsInUtc: false);
        log.State.Log(LogModule.Http, LogSeverity.Info, "a");
        Assert.Equal("UTC HTTP (info) a\n", log.ErrorText);
    }

    [Fact]
    public void ClockAdvances_EachLineHasItsOwnTime()
    {
        using var log = new LogCapture();
        log.State.Log(LogModule.Server, LogSeverity.Info, "one");
        log.Clock.Now = log.Clock.Now.AddSeconds(61).AddTicks(10);
        log.State.Log(LogModule.Server, LogSeverity.Info, "two");
        Assert.Equal(
            ["2025-03-04 10:20:30.123456 +0000 SERVER (info) one", "2025-03-04 10:21:31.123457 +0000 SERVER (info) two"],
            log.ErrorLines);
    }

    [Fact]
    public void LongText_TruncatedToTextMaxBytes()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { IncludeTimestamp = false });
        log.State.Log(LogModule.Server, LogSeverity.Info, new string('é', 3000)); // 2 bytes each
        string line = Assert.Single(log.ErrorLines);
        Assert.Equal("SERVER (info) " + new string('é', 1023), line);
        Assert.Equal(1023, log.State.GetRecent()[0].Text.Length);
    }

    [Fact]
    public void TruncateText_DoesNotSplitSurrogatePair()
    {
        string text = new string('a', 2046) + "\U0001F600";
        Assert.Equal(new string('a', 2046), LogState.TruncateText(text));
        Assert.Same("short", LogState.TruncateText("short"));
    }

    [Fact]
    public void Stdout_WritesThere()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.FlowLog) { OutputFile = "stdout", IncludeTimestamp = false });
        log.State.Log(LogModule.FlowLog, LogSeverity.Info, "to stdout");
        log.State.Log(LogModule.Server, LogSeverity.Info, "to stderr");
        Assert.Equal("FLOW_LOG (info) to stdout\n", log.OutputText);
        Assert.EndsWith("SERVER (info) to stderr\n", log.ErrorText);
    }
}
