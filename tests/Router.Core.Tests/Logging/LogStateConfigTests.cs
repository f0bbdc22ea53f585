using Skrouterd.Logging;
using Xunit;

namespace Skrouterd.Tests.Logging;

public sealed class LogStateConfigTests
{
    [Fact]
    public void Startup_DefaultIsInfoPlus_OthersInherit()
    {
        using var log = new LogCapture();
        foreach (LogModule module in Enum.GetValues<LogModule>())
        {
            Assert.False(log.State.IsEnabled(module, LogSeverity.Debug));
            Assert.True(log.State.IsEnabled(module, LogSeverity.Info));
            Assert.True(log.State.IsEnabled(module, LogSeverity.Critical));
            Assert.False(log.State.IsEnabled(module, LogSeverity.None));
        }

        Assert.False(log.State.IsProtocolTraceEnabled);
    }

    [Fact]
    public void UnsetModule_FollowsDefaultLiveValues()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { Enable = "debug+", IncludeTimestamp = false, IncludeSource = true });
        Assert.True(log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));
        log.State.Log(LogModule.Server, LogSeverity.Debug, "d", "Ev", 3);
        Assert.Equal("SERVER (debug) d (Ev:3)\n", log.ErrorText);
    }

    [Fact]
    public void ModuleOwnSettings_OverrideDefault()
    {
        using var log = new LogCapture();
        log.State.ApplyConfig(new LogEntityConfig(LogModules.Server) { Enable = "error+", IncludeTimestamp = false });
        log.State.ApplyConfig(new LogEntityConfig(LogModules.Default) { Enable = "debug+" });
        Assert.False(log.State.IsEnabled(LogModule.Server, LogSeverity.Warning));
        Assert.True(log.State.IsEnabled(LogModule.Server, LogSeverity.Error));
        Assert.True(log.State.IsEnabled(LogModule.Router, LogSeverity.Debug));
        log.State.Log(LogModule.Server, LogSeverity.Info, "hidden");
        log.State.Log(LogModule.Server, LogSeverity.Error, "shown");
        log.State.Log(LogModule.Router, LogSeverity.Info, "with time");
        Assert.Equal(["SERVER (error) shown", "2025-03-04 10:20:30.123456 +0000 ROUTER (info) with time"], log.ErrorLines);
    }

    [Fact]
    public void EnableNone_DisablesModule_DefaultKeyword_Inherits()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Policy) { Enable = "none" });
        Assert.False(log.State.IsEnabled(LogModule.Policy, LogSeverity.Critical));
        log.State.Update(new LogEntityConfig(LogModules.Policy) { Enable = "default" });
        Assert.True(log.State.IsEnabled(LogModule.Policy, LogSeverity.Info));
    }

    [Fact]
    public void DefaultSetToDefault_EnablesEverything_LikeC()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { Enable = "default" });
        Assert.True(log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));
    }

    [Fact]
    public void Update_TakesEffectForNextCall()
    {
        using var log = new LogCapture();
        log.State.Log(LogModule.RouterCore, LogSeverity.Debug, "before");
        log.State.Update(new LogEntityConfig(LogModules.RouterCore) { Enable = "debug" });
        log.State.Log(LogModule.RouterCore, LogSeverity.Debug, "after");
        log.State.Log(LogModule.RouterCore, LogSeverity.Info, "info now off");
        Assert.Equal(["2025-03-04 10:20:30.123456 +0000 ROUTER_CORE (debug) after"], log.ErrorLines);
    }

    [Fact]
    public void Trace_AtConfigLoad_IsDebug()
    {
        using var log = new LogCapture();
        log.State.ApplyConfig(new LogEntityConfig(LogModules.Default) { Enable = "trace+" });
        Assert.True(log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));
        Assert.Equal("debug+", log.State.Read(LogModule.Default).Enable);
    }

    [Fact]
    public void Trace_InUpdate_IsRejected_LoggingUnchanged_AttributesKeptAsTheCAgentDoes()
    {
        using var log = new LogCapture();
        var e = Assert.Throws<LogConfigException>(() => log.State.Update(new LogEntityConfig(LogModules.Server) { Enable = "trace", IncludeSource = true }));
        Assert.Equal("'trace' is not a valid log level. Should be one of {none, debug, info, warning, error, critical}.", e.Message);
        Assert.False(log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));

        // agent.py EntityAdapter.update stores the merged attributes before qd_log_entity raises.
        Assert.Equal("trace", log.State.Read(LogModule.Server).Enable);
        Assert.True(log.State.Read(LogModule.Server).IncludeSource);

        // So the next UPDATE fails on it again until enable is corrected.
        Assert.Throws<LogConfigException>(() => log.State.Update(new LogEntityConfig(LogModules.Server) { IncludeSource = false }));
        log.State.Update(new LogEntityConfig(LogModules.Server) { Enable = "debug+" });
        Assert.True(log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));
        Assert.Equal(("debug+", false), (log.State.Read(LogModule.Server).Enable, log.State.Read(LogModule.Server).IncludeSource));
    }

    [Fact]
    public void InvalidEnableAtLoad_ReportsRewrittenString()
    {
        using var log = new LogCapture();
        var e = Assert.Throws<LogConfigException>(() => log.State.ApplyConfig(new LogEntityConfig(LogModules.Server) { Enable = "trace,notice" }));
        Assert.Equal("'debug,notice' is not a valid log level. Should be one of {none, debug, info, warning, error, critical}.", e.Message);
    }

    [Fact]
    public void UnknownModule_Rejected()
    {
        using var log = new LogCapture();
        Assert.Throws<LogConfigException>(() => log.State.ApplyConfig(new LogEntityConfig("AUTHSERVICE") { Enable = "info+" }));
        Assert.Throws<LogConfigException>(() => log.State.Update(new LogEntityConfig("server") { Enable = "info+" }));
    }

    [Fact]
    public void SameModuleConfiguredTwice_Rejected()
    {
        using var log = new LogCapture();
        log.State.ApplyConfig(new LogEntityConfig(LogModules.Server) { Enable = "info+" });
        Assert.Throws<LogConfigException>(() => log.State.ApplyConfig(new LogEntityConfig(LogModules.Server) { Enable = "debug+" }));
        Assert.False(log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));
    }

    [Fact]
    public void Read_DefaultHasDefaults_OthersUnsetNull()
    {
        using var log = new LogCapture();
        LogEntityView d = log.State.Read(LogModule.Default);
        Assert.Equal(new LogEntityView("DEFAULT", "info+", true, false, "stderr", "log/DEFAULT"), d);
        Assert.Equal("log/DEFAULT", d.Identity);
        Assert.Equal("io.skupper.router.log", d.Type);

        LogEntityView s = log.State.Read(LogModule.Server);
        Assert.Equal(
            [
                new("module", "SERVER"), new("enable", null), new("includeTimestamp", null), new("includeSource", null),
                new("outputFile", null), new("name", "log/SERVER"), new("identity", "log/SERVER"), new("type", "io.skupper.router.log"),
            ],
            s.ToAttributes());
    }

    [Fact]
    public void ConfigDefault_MissingAttributesGetDefaults_NameKept()
    {
        using var log = new LogCapture();
        log.State.ApplyConfig(new LogEntityConfig(LogModules.Default) { Enable = "debug+", Name = "myDefault" });
        Assert.Equal(new LogEntityView("DEFAULT", "debug+", true, false, "stderr", "myDefault"), log.State.Read(LogModule.Default));
        Assert.True(log.State.TryFindByName("myDefault", out LogModule m));
        Assert.Equal(LogModule.Default, m);
        Assert.True(log.State.TryFindByName("log/SERVER", out m));
        Assert.Equal(LogModule.Server, m);
        Assert.False(log.State.TryFindByName("log/DEFAULT", out _));
        Assert.True(LogState.TryFindByIdentity("log/DEFAULT", out m));
        Assert.Equal(LogModule.Default, m);
        Assert.False(LogState.TryFindByIdentity("log/NOPE", out _));
    }

    [Fact]
    public void Update_MergesAndReturnsEntity()
    {
        using var log = new LogCapture();
        log.State.ApplyConfig(new LogEntityConfig(LogModules.TcpAdaptor) { Enable = "warning+" });
        LogEntityView v = log.State.Update(new LogEntityConfig(LogModules.TcpAdaptor) { IncludeSource = true });
        Assert.Equal(new LogEntityView("TCP_ADAPTOR", "warning+", null, true, null, "log/TCP_ADAPTOR"), v);
        Assert.Equal(v, log.State.Read(LogModule.TcpAdaptor));
        Assert.Throws<LogConfigException>(() => log.State.Update(new LogEntityConfig(LogModules.TcpAdaptor) { Name = "other" }));
    }

    [Fact]
    public void Query_AllModulesInEnumOrder()
    {
        using var log = new LogCapture();
        IReadOnlyList<LogEntityView> all = log.State.Query();
        Assert.Equal(LogModules.Names, all.Select(v => v.Module).ToArray());
        Assert.Equal(
            ["ROUTER", "ROUTER_CORE", "ROUTER_HELLO", "ROUTER_LS", "ROUTER_MA", "MESSAGE", "SERVER", "AGENT", "CONTAINER", "ERROR",
             "POLICY", "HTTP", "CONN_MGR", "PYTHON", "PROTOCOL", "TCP_ADAPTOR", "HTTP_ADAPTOR", "FLOW_LOG", "ADDRESS_WATCH", "DEFAULT"],
            LogModules.Names);
        Assert.Equal(["module", "enable", "includeTimestamp", "includeSource", "outputFile", "name", "identity", "type"], LogEntityView.AttributeNames);
    }

    [Fact]
    public void ProtocolTrace_FollowsAnyModuleDebug()
    {
        using var log = new LogCapture();
        var seen = new List<bool>();
        log.State.ProtocolTraceChanged += seen.Add;
        log.State.Update(new LogEntityConfig(LogModules.RouterCore) { Enable = "debug+" });
        Assert.True(log.State.IsProtocolTraceEnabled);
        log.State.Update(new LogEntityConfig(LogModules.Server) { Enable = "info+" });
        Assert.True(log.State.IsProtocolTraceEnabled);
        log.State.Update(new LogEntityConfig(LogModules.RouterCore) { Enable = "info+" });
        Assert.False(log.State.IsProtocolTraceEnabled);
        log.State.Update(new LogEntityConfig(LogModules.Default) { Enable = "debug+" });
        Assert.True(log.State.IsProtocolTraceEnabled);
        Assert.Equal([true, false, true], seen);
    }

    [Fact]
    public void LogUnconditional_WritesEvenWhenDisabled()
    {
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Default) { IncludeTimestamp = false });
        log.State.LogUnconditional(LogModule.Protocol, LogSeverity.Debug, "[C3]:-> @open(16)");
        Assert.Equal("PROTOCOL (debug) [C3]:-> @open(16)\n", log.ErrorText);
        Assert.Equal(1, log.State.GetStats(LogModule.Protocol).DebugCount);
    }

    [Fact]
    public void IsEnabled_DoesNotAllocate()
    {
        using var log = new LogCapture();
        bool any = log.State.IsEnabled(LogModule.Server, LogSeverity.Info);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            any ^= log.State.IsEnabled((LogModule)(i % LogModules.Count), LogSeverity.Debug);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(any);
    }

    [Fact]
    public void AfterDispose_EventsCountedNotWritten()
    {
        var log = new LogCapture();
        log.Dispose();
        log.State.Log(LogModule.Server, LogSeverity.Info, "late");
        Assert.Equal(string.Empty, log.ErrorText);
        Assert.Equal(1, log.State.GetStats(LogModule.Server).InfoCount);
        Assert.Throws<ObjectDisposedException>(() => log.State.Update(new LogEntityConfig(LogModules.Server) { Enable = "debug" }));
    }
}
