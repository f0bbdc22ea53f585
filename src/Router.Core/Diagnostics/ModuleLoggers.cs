using Microsoft.Extensions.Logging;

namespace Skrouterd.Diagnostics;

/// <summary>
/// Loggers for the C router's module names (management-and-deployment.md §7): each category is the module name,
/// so log lines read `SERVER (info) ...` as the C router's do.
/// </summary>
internal sealed class ModuleLoggers
{
    public ModuleLoggers(ILoggerFactory factory)
    {
        Factory = factory;
        Router = factory.CreateLogger("ROUTER");
        RouterCore = factory.CreateLogger("ROUTER_CORE");
        Server = factory.CreateLogger("SERVER");
        Protocol = factory.CreateLogger("PROTOCOL");
        ConnMgr = factory.CreateLogger("CONN_MGR");
        Agent = factory.CreateLogger("AGENT");
        Policy = factory.CreateLogger("POLICY");
    }

    public ILoggerFactory Factory { get; }

    public ILogger Router { get; }

    public ILogger RouterCore { get; }

    public ILogger Server { get; }

    public ILogger Protocol { get; }

    public ILogger ConnMgr { get; }

    public ILogger Agent { get; }

    public ILogger Policy { get; }
}
