using Microsoft.Extensions.Logging;
using Skrouterd.Logging;
using Xunit;

namespace Skrouterd.Tests.Logging;

public sealed class RouterLoggerTests
{
    [Fact]
    public void LoggerFactory_ModuleCategory_WritesCLine()
    {
        using var log = new LogCapture();
        using ILoggerFactory factory = CreateFactory(log.State);
        ILogger server = factory.CreateLogger(LogModules.Server);
        SampleLog.ListeningOn(server, "localhost:5672");
        Assert.Equal("2025-03-04 10:20:30.123456 +0000 SERVER (info) Listening on localhost:5672\n", log.ErrorText);
    }

    [Fact]
    public void IncludeSource_PrintsEventNameAndId_MethodNameByDefault()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { Enable = "debug+", IncludeSource = true, IncludeTimestamp = false });
        using ILoggerFactory factory = CreateFactory(log.State);
        ILogger logger = factory.CreateLogger(LogModules.RouterCore);
        SampleLog.ListeningOn(logger, "h:1");
        SampleLog.Frame(logger, 7);
        logger.LogInformation("no event id");
        Assert.Equal(
            ["ROUTER_CORE (info) Listening on h:1 (ListeningOn:101)", "ROUTER_CORE (debug) [C7] frame (Frame:102)", "ROUTER_CORE (info) no event id"],
            log.ErrorLines);
        Assert.Equal("ListeningOn:101|Frame:102|:", string.Join('|', log.State.GetRecent().Select(e => $"{e.File}:{e.Line}")));
        Assert.Null(log.State.GetRecent()[2].File);
        Assert.Null(log.State.GetRecent()[2].Line);
    }

    [Fact]
    public void LevelMapping_TraceAndDebugAreDebug()
    {
        using var log = new LogCapture();
        using ILoggerFactory factory = CreateFactory(log.State);
        ILogger logger = factory.CreateLogger(LogModules.Protocol);
        Assert.False(logger.IsEnabled(LogLevel.Trace));
        Assert.False(logger.IsEnabled(LogLevel.Debug));
        Assert.True(logger.IsEnabled(LogLevel.Information));
        Assert.False(logger.IsEnabled(LogLevel.None));

        log.State.Update(new LogEntityConfig(LogModules.Protocol) { Enable = "debug", IncludeTimestamp = false });
        Assert.True(logger.IsEnabled(LogLevel.Trace));
        Assert.False(logger.IsEnabled(LogLevel.Information));
        SampleLog.TraceFrame(logger, 3);
        SampleLog.Frame(logger, 4);
        Assert.Equal(["PROTOCOL (debug) [C3] trace", "PROTOCOL (debug) [C4] frame"], log.ErrorLines);

        Assert.Equal(LogSeverity.Debug, LogSeverities.FromLogLevel(LogLevel.Trace));
        Assert.Equal(LogSeverity.Debug, LogSeverities.FromLogLevel(LogLevel.Debug));
        Assert.Equal(LogSeverity.Info, LogSeverities.FromLogLevel(LogLevel.Information));
        Assert.Equal(LogSeverity.Warning, LogSeverities.FromLogLevel(LogLevel.Warning));
        Assert.Equal(LogSeverity.Error, LogSeverities.FromLogLevel(LogLevel.Error));
        Assert.Equal(LogSeverity.Critical, LogSeverities.FromLogLevel(LogLevel.Critical));
        Assert.Equal(LogSeverity.None, LogSeverities.FromLogLevel(LogLevel.None));
    }

    [Fact]
    public void GuardedCalls_DisabledNotCounted_UnguardedCounted()
    {
        using var log = new LogCapture();
        using ILoggerFactory factory = CreateFactory(log.State);
        ILogger logger = factory.CreateLogger(LogModules.Message);
        SampleLog.Frame(logger, 1);               // [LoggerMessage] checks IsEnabled first, like C's qd_log macro
        logger.LogDebug("unguarded extension");   // reaches Log(): counted, not written (qd_log_impl)
        Assert.Equal(1, log.State.GetStats(LogModule.Message).DebugCount);
        Assert.Equal(string.Empty, log.ErrorText);
        Assert.Empty(log.State.GetRecent());
    }

    [Fact]
    public void ForeignCategory_BelowWarningDropped_WarningGoesToDefault()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { Enable = "debug+", IncludeTimestamp = false });
        using ILoggerFactory factory = CreateFactory(log.State);
        ILogger lifetime = factory.CreateLogger("Microsoft.Hosting.Lifetime");
        Assert.False(lifetime.IsEnabled(LogLevel.Information));
        Assert.True(lifetime.IsEnabled(LogLevel.Warning));
        lifetime.LogInformation("Application started.");
        lifetime.LogWarning("Something odd");
        Assert.Equal("DEFAULT (warning) Microsoft.Hosting.Lifetime: Something odd\n", log.ErrorText);
        Assert.Equal(new LogStatsView("DEFAULT", 0, 0, 1, 0, 0), log.State.GetStats(LogModule.Default));

        log.State.Update(new LogEntityConfig(LogModules.Default) { Enable = "error+" });
        Assert.False(lifetime.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Exception_AppendedAfterText()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { IncludeTimestamp = false });
        var provider = new RouterLoggerProvider(log.State);
        ILogger logger = provider.CreateLogger(LogModules.Router);
        SampleLog.Unexpected(logger, new InvalidOperationException("bad state"));
        Assert.StartsWith("ROUTER (error) Unexpected failure\nSystem.InvalidOperationException: bad state", log.ErrorText);
    }

    [Fact]
    public void Provider_CachesLoggerPerCategory()
    {
        using var log = new LogCapture();
        using var provider = new RouterLoggerProvider(log.State);
        Assert.Same(provider.CreateLogger(LogModules.Http), provider.CreateLogger(LogModules.Http));
        Assert.Equal(LogModule.Http, ((RouterLogger)provider.CreateLogger(LogModules.Http)).Module);
        Assert.Equal(LogModule.Default, ((RouterLogger)provider.CreateLogger("Other")).Module);
        Assert.Same(log.State, provider.State);
    }

    [Fact]
    public void IsEnabled_ThroughFactory_DoesNotAllocate()
    {
        using var log = new LogCapture();
        using ILoggerFactory factory = CreateFactory(log.State);
        ILogger logger = factory.CreateLogger(LogModules.RouterCore);
        SampleLog.Frame(logger, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            SampleLog.Frame(logger, (ulong)i);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static ILoggerFactory CreateFactory(LogState state)
        => LoggerFactory.Create(builder => builder.AddProvider(new RouterLoggerProvider(state)).SetMinimumLevel(LogLevel.Trace));
}
