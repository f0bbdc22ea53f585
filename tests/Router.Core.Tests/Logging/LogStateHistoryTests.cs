using Skrouterd.Logging;
using Xunit;

namespace Skrouterd.Tests.Logging;

public sealed class LogStateHistoryTests
{
    [Fact]
    public void GetRecent_OldestFirst_WithLimit()
    {
        using var log = new LogCapture();
        for (int i = 0; i < 5; i++)
        {
            log.State.Log(LogModule.Server, LogSeverity.Info, $"m{i}", i % 2 == 0 ? "Ev" : null, i);
            log.Clock.Now = log.Clock.Now.AddSeconds(1);
        }

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], log.State.GetRecent().Select(e => e.Text).ToArray());
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], log.State.GetRecent(-1).Select(e => e.Text).ToArray());
        Assert.Equal(["m3", "m4"], log.State.GetRecent(2).Select(e => e.Text).ToArray());
        Assert.Equal(5, log.State.GetRecent(50).Count);

        LogEntry[] last = [.. log.State.GetRecent(2)];
        Assert.Equal(["SERVER", "info", "m3", null, null, 1741083633L], last[0].ToGetLogRow());
        Assert.Equal(["SERVER", "info", "m4", "Ev", 4, 1741083634L], last[1].ToGetLogRow());
    }

    [Fact]
    public void GetRecent_KeepsLast1000()
    {
        using var log = new LogCapture();
        for (int i = 0; i < 1005; i++)
        {
            log.State.Log(LogModule.Router, LogSeverity.Info, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        IReadOnlyList<LogEntry> all = log.State.GetRecent();
        Assert.Equal(LogState.HistoryCapacity, all.Count);
        Assert.Equal("5", all[0].Text);
        Assert.Equal("1004", all[^1].Text);
    }

    [Fact]
    public void DisabledEvents_NotKept_ButCounted()
    {
        using var log = new LogCapture();
        log.State.Log(LogModule.Server, LogSeverity.Debug, "hidden");
        log.State.Log(LogModule.Server, LogSeverity.Info, "shown");
        Assert.Equal(["shown"], log.State.GetRecent().Select(e => e.Text).ToArray());
        Assert.Equal(new LogStatsView("SERVER", 1, 1, 0, 0, 0), log.State.GetStats(LogModule.Server));
    }

    [Fact]
    public void EntriesKept_EvenWhenOutputHasNoTimestamp()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { IncludeTimestamp = false });
        log.State.Log(LogModule.Agent, LogSeverity.Error, "e");
        Assert.Equal(TestClock.Sample.ToUnixTimeSeconds(), Assert.Single(log.State.GetRecent()).UnixSeconds);
    }

    [Fact]
    public void Stats_CountPerModuleAndLevel()
    {
        using var log = new LogCapture();
        log.State.Log(LogModule.Agent, LogSeverity.Debug, "x");
        log.State.Log(LogModule.Agent, LogSeverity.Info, "x");
        log.State.Log(LogModule.Agent, LogSeverity.Info, "x");
        log.State.Log(LogModule.Agent, LogSeverity.Warning, "x");
        log.State.Log(LogModule.Agent, LogSeverity.Error, "x");
        log.State.Log(LogModule.Agent, LogSeverity.Critical, "x");
        log.State.Log(LogModule.Agent, LogSeverity.Info | LogSeverity.Error, "not a level");
        log.State.Log(LogModule.Agent, LogSeverity.None, "not a level");

        LogStatsView s = log.State.GetStats(LogModule.Agent);
        Assert.Equal(new LogStatsView("AGENT", 1, 2, 1, 1, 1), s);
        Assert.Equal(
            [
                new("debugCount", 1L), new("infoCount", 2L), new("noticeCount", null), new("warningCount", 1L), new("errorCount", 1L),
                new("criticalCount", 1L), new("name", "AGENT"), new("identity", "logStats/AGENT"), new("type", "io.skupper.router.logStats"),
            ],
            s.ToAttributes());

        IReadOnlyList<LogStatsView> all = log.State.QueryStats();
        Assert.Equal(LogModules.Names, all.Select(v => v.Name).ToArray());
        Assert.Equal(new LogStatsView("SERVER", 0, 0, 0, 0, 0), all[(int)LogModule.Server]);
    }
}
