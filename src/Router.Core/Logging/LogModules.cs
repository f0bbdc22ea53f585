using System.Diagnostics.CodeAnalysis;

namespace Skrouterd.Logging;

/// <summary>
/// Module names as they appear in log lines, in <c>log</c> entities and as <see cref="Microsoft.Extensions.Logging.ILogger"/>
/// category names: <c>loggerFactory.CreateLogger(LogModules.Server)</c> logs to module <c>SERVER</c>.
/// </summary>
public static class LogModules
{
    public const string Router = "ROUTER";
    public const string RouterCore = "ROUTER_CORE";
    public const string RouterHello = "ROUTER_HELLO";
    public const string RouterLs = "ROUTER_LS";
    public const string RouterMa = "ROUTER_MA";
    public const string Message = "MESSAGE";
    public const string Server = "SERVER";
    public const string Agent = "AGENT";
    public const string Container = "CONTAINER";
    public const string Error = "ERROR";
    public const string Policy = "POLICY";
    public const string Http = "HTTP";
    public const string ConnMgr = "CONN_MGR";
    public const string Python = "PYTHON";
    public const string Protocol = "PROTOCOL";
    public const string TcpAdaptor = "TCP_ADAPTOR";
    public const string HttpAdaptor = "HTTP_ADAPTOR";
    public const string FlowLog = "FLOW_LOG";
    public const string AddressWatch = "ADDRESS_WATCH";
    public const string Default = "DEFAULT";

    /// <summary>Number of modules (20).</summary>
    public const int Count = 20;

    private static readonly string[] s_names =
    [
        Router, RouterCore, RouterHello, RouterLs, RouterMa, Message, Server, Agent, Container, Error,
        Policy, Http, ConnMgr, Python, Protocol, TcpAdaptor, HttpAdaptor, FlowLog, AddressWatch, Default,
    ];

    /// <summary>All module names, indexed by <see cref="LogModule"/>.</summary>
    public static IReadOnlyList<string> Names => s_names;

    /// <summary>The name of <paramref name="module"/>, e.g. <c>SERVER</c>.</summary>
    public static string GetName(LogModule module) => s_names[(int)module];

    /// <summary>Exact (case-sensitive) lookup of a module name, as the schema enum does.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out LogModule module)
    {
        LogModule? found = name switch
        {
            Router => LogModule.Router,
            RouterCore => LogModule.RouterCore,
            RouterHello => LogModule.RouterHello,
            RouterLs => LogModule.RouterLs,
            RouterMa => LogModule.RouterMa,
            Message => LogModule.Message,
            Server => LogModule.Server,
            Agent => LogModule.Agent,
            Container => LogModule.Container,
            Error => LogModule.Error,
            Policy => LogModule.Policy,
            Http => LogModule.Http,
            ConnMgr => LogModule.ConnMgr,
            Python => LogModule.Python,
            Protocol => LogModule.Protocol,
            TcpAdaptor => LogModule.TcpAdaptor,
            HttpAdaptor => LogModule.HttpAdaptor,
            FlowLog => LogModule.FlowLog,
            AddressWatch => LogModule.AddressWatch,
            Default => LogModule.Default,
            _ => null,
        };
        module = found.GetValueOrDefault();
        return found.HasValue;
    }
}
