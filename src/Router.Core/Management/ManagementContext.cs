using Microsoft.Extensions.Logging;
using Skrouterd.Config;
using Skrouterd.Hosting;
using Skrouterd.Logging;
using Skrouterd.Routing;
using Skrouterd.Server;

namespace Skrouterd.Management;

/// <summary>What the management agent manages: the router core, its network server, logging and the configuration it
/// was started with. Everything but <see cref="Core"/> is optional (unit tests run the agent on a bare core).</summary>
internal sealed class ManagementContext
{
    public ManagementContext(RouterCore core)
    {
        Core = core;
        Nodes = new LocalRouterNodeSource(core);
        AgentLog = core.Logs.Agent;
        ConnMgrLog = core.Logs.ConnMgr;
    }

    public RouterCore Core { get; }

    public RouterServer? Server { get; init; }

    public LogState? LogState { get; init; }

    /// <summary>The validated configuration the router was started with (its entities are listed by management).</summary>
    public RouterConfig? Config { get; init; }

    /// <summary>The router's <c>workerThreads</c>.</summary>
    public int WorkerThreads { get; init; } = 4;

    /// <summary>The router entity's <c>metadata</c>.</summary>
    public string? Metadata => Config?.Router.Attributes.GetString("metadata");

    /// <summary>
    /// The protocol adaptors serving adaptor entities (the runtime's list; read on the agent's loop). Empty until
    /// adaptors are registered: their entities are then only stored and report zero counters.
    /// </summary>
    public IReadOnlyList<IAdaptorEntityHost> Adaptors { get; init; } = [];

    /// <summary>The adaptor serving an entity type (short name, e.g. <c>tcpListener</c>), if any.</summary>
    public IAdaptorEntityHost? AdaptorFor(string entityType)
    {
        foreach (var adaptor in Adaptors)
        {
            if (adaptor.EntityTypes.Contains(entityType))
            {
                return adaptor;
            }
        }

        return null;
    }

    /// <summary>Current <c>tcpConnection</c> rows of all adaptors.</summary>
    public IReadOnlyList<TcpConnectionInfo> TcpConnections() =>
        [.. Adaptors.OfType<IAdaptorConnectionSource>().SelectMany(a => a.TcpConnections)];

    /// <summary>Current <c>httpRequestInfo</c> rows of all adaptors.</summary>
    public IReadOnlyList<HttpRequestInfoRecord> HttpRequests() =>
        [.. Adaptors.OfType<IAdaptorConnectionSource>().SelectMany(a => a.HttpRequests)];

    /// <summary>Source of <c>router.node</c> entities; the routing protocol replaces the local-only default.</summary>
    public IRouterNodeSource Nodes { get; set; }

    /// <summary>Routers of the network other than this one (the C core's router list: `nodeCount`, `qdr_routers_total`).</summary>
    public int RemoteRouterCount => Math.Max(0, Nodes.Nodes.Count - 1);

    public ILogger AgentLog { get; }

    public ILogger ConnMgrLog { get; }

    /// <summary>Whole seconds since the router started (the C router's core ticks).</summary>
    public long Ticks => Core.Ticks;
}
