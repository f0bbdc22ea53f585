using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Skrouterd.Config;
using Skrouterd.Logging;
using Skrouterd.Management;
using Skrouterd.Routing;
using Skrouterd.Server;

namespace Skrouterd.Hosting;

/// <summary>
/// One running router: its core, network server and logging, configured from a validated configuration in the
/// C router's order (management-and-deployment.md §1.5 step 4): router, policy, sslProfile, address, adaptors, then
/// connectors, then listeners last so the router is fully configured before traffic starts.
/// </summary>
internal sealed partial class RouterRuntime : IAsyncDisposable
{
    private readonly ILogger _router;
    private readonly ILogger _server;
    private readonly ILogger _connMgr;
    private readonly ILogger _policy;

    public RouterRuntime(RouterConfig config, ILoggerFactory loggers, LogState? logState, TimeProvider clock)
    {
        Config = config;
        LogState = logState;
        var router = config.Router.Attributes;
        var mode = (router.GetString("mode") ?? "standalone") switch
        {
            "interior" => RouterMode.Interior,
            "edge" => RouterMode.Edge,
            _ => RouterMode.Standalone,
        };
        Core = new RouterCore(config.RouterId, mode, clock, loggers)
        {
            DefaultTreatment = TreatmentNames.Parse(router.GetString("defaultDistribution") ?? "balanced"),
            VanId = router.GetString("vanId"),
        };
        WorkerThreads = (int)(router.GetInteger("workerThreads") ?? 4);
        Server = new RouterServer(Core, new SaslUserDatabase(router.GetString("saslConfigDir"), router.GetString("saslConfigName")));
        Agent = new ManagementAgent(new ManagementContext(Core)
        {
            Server = Server,
            LogState = logState,
            Config = config,
            WorkerThreads = WorkerThreads,
            Adaptors = Adaptors,
        });
        Server.RemoteRouters = () => Agent.Context.RemoteRouterCount;
        _router = Core.Logs.Router;
        _server = Core.Logs.Server;
        _connMgr = Core.Logs.ConnMgr;
        _policy = Core.Logs.Policy;
    }

    public RouterConfig Config { get; }

    public LogState? LogState { get; }

    public RouterCore Core { get; }

    public RouterServer Server { get; }

    public int WorkerThreads { get; }

    /// <summary>The `$management` agent (activated by <see cref="Start"/>).</summary>
    public ManagementAgent Agent { get; }

    /// <summary>Protocol adaptors serving their configuration entities (e.g. the TCP adaptor).</summary>
    public List<IAdaptorEntityHost> Adaptors { get; } = [];

    /// <summary>The adaptor serving an entity type, if any.</summary>
    public IAdaptorEntityHost? AdaptorFor(string entityType) => Adaptors.FirstOrDefault(a => a.EntityTypes.Contains(entityType));

    /// <summary>Configures every entity and binds the listeners; throws <see cref="RouterStartupException"/> on failure.</summary>
    public void Start()
    {
        Log.ContainerName(_server, Core.Id);
        switch (Core.Mode)
        {
            case RouterMode.Interior:
                Log.StartedInterior(_router, Core.Id);
                break;
            case RouterMode.Edge:
                Log.StartedEdge(_router);
                break;
            default:
                Log.StartedStandalone(_router);
                break;
        }

        Log.Version(_router, RouterInfo.Version);
        Agent.Activate();
        foreach (var entity in Config.Entities)
        {
            try
            {
                Configure(entity);
            }
            catch (RouterStartupException)
            {
                throw;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new RouterStartupException($"{entity}: {e.Message}", e);
            }
        }

        Log.Operational(_server, WorkerThreads, Environment.ProcessId);
    }

    private void Configure(ConfigEntity entity)
    {
        var a = entity.Attributes;
        switch (entity.TypeName)
        {
            case "log":
            case "router":
                break;
            case "policy":
                Log.PolicyConfigured(_policy, a.GetInteger("maxConnections") ?? 65535, a.GetString("policyDir") ?? "",
                    (a.GetBoolean("enableVhostPolicy") ?? false) ? "true" : "false", (a.GetBoolean("enableVhostNamePatterns") ?? false) ? "true" : "false");
                break;
            case "sslProfile":
                {
                    var profile = EntityOptions.ToSslProfile(a);
                    if (!Server.AddSslProfile(profile))
                    {
                        throw new RouterStartupException($"{entity}: duplicate sslProfile {profile.Name}");
                    }

                    Log.SslProfileCreated(_connMgr, profile.Name);
                    break;
                }

            case "router.config.address":
                {
                    var address = EntityOptions.ToAddress(a);
                    if (!Core.AddAddressConfig(address))
                    {
                        throw new RouterStartupException($"{entity}: an address with the same prefix or pattern is already configured");
                    }

                    Log.AddressCreated(_connMgr, address.Pattern.IsPrefix ? "Prefix" : "Pattern", address.Pattern.Text, TreatmentNames.ToName(address.Treatment));
                    break;
                }

            case "connector":
                {
                    var options = EntityOptions.ToConnector(a);
                    Log.ConnectorConfigured(_connMgr, options.HostPort, ConnectionRoleNames.ToName(options.Role), options.SslProfile is null ? "" : $", sslProfile={options.SslProfile}");
                    Server.AddConnector(options);
                    break;
                }

            case "listener":
                {
                    var options = EntityOptions.ToListener(a);
                    Log.ListenerConfigured(_connMgr, options.HostPort, ConnectionRoleNames.ToName(options.Role),
                        (options.Http ? ", http" : "") + (options.SslProfile is null ? "" : $", sslProfile={options.SslProfile}"));
                    if (options.SslProfile is not null && Server.FindSslProfile(options.SslProfile) is null)
                    {
                        throw new RouterStartupException($"{entity}: sslProfile '{options.SslProfile}' not found");
                    }

                    try
                    {
                        if (options.Http)
                        {
                            Server.AddHttpListener(options);
                        }
                        else
                        {
                            Server.AddListener(options);
                        }
                    }
                    catch (SocketException e)
                    {
                        throw new RouterStartupException($"Listen on {options.HostPort} failed during initial config: {e.Message}", e);
                    }

                    break;
                }

            default:
                if (AdaptorFor(entity.TypeName) is { } adaptor)
                {
                    adaptor.Create(entity.TypeName, a);
                    break;
                }

                Log.NotYetServed(_server, entity.ToString(), $"{entity.TypeName} entities are accepted but not served by this build yet");
                break;
        }
    }

    public Task StopAsync(TimeSpan grace)
    {
        foreach (var adaptor in Adaptors)
        {
            adaptor.Stop();
        }

        return Server.StopAsync(grace);
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync().ConfigureAwait(false);
        await Server.DisposeAsync().ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "ContainerName", Level = LogLevel.Information, Message = "Container Name: {Id}")]
        public static partial void ContainerName(ILogger logger, string id);

        [LoggerMessage(EventId = 2, EventName = "StartedInterior", Level = LogLevel.Information, Message = "Router started in Interior mode, area=0 id={Id}")]
        public static partial void StartedInterior(ILogger logger, string id);

        [LoggerMessage(EventId = 3, EventName = "StartedEdge", Level = LogLevel.Information, Message = "Router started in Edge mode")]
        public static partial void StartedEdge(ILogger logger);

        [LoggerMessage(EventId = 4, EventName = "StartedStandalone", Level = LogLevel.Information, Message = "Router started in Standalone mode")]
        public static partial void StartedStandalone(ILogger logger);

        [LoggerMessage(EventId = 5, EventName = "Version", Level = LogLevel.Information, Message = "Version: {Version}")]
        public static partial void Version(ILogger logger, string version);

        [LoggerMessage(EventId = 6, EventName = "Operational", Level = LogLevel.Information, Message = "Operational, {Threads} Threads Running (process ID {Pid})")]
        public static partial void Operational(ILogger logger, int threads, int pid);

        [LoggerMessage(EventId = 7, EventName = "PolicyConfigured", Level = LogLevel.Information,
            Message = "Policy configured maxConnections: {MaxConnections}, policyDir: '{PolicyDir}',access rules enabled: '{Enabled}', use hostname patterns: '{Patterns}'")]
        public static partial void PolicyConfigured(ILogger logger, long maxConnections, string policyDir, string enabled, string patterns);

        [LoggerMessage(EventId = 8, EventName = "SslProfileCreated", Level = LogLevel.Information, Message = "Created SSL Profile with name {Name} ")]
        public static partial void SslProfileCreated(ILogger logger, string name);

        [LoggerMessage(EventId = 9, EventName = "AddressCreated", Level = LogLevel.Information, Message = "Created address with {Kind}={Pattern} and distribution={Distribution}")]
        public static partial void AddressCreated(ILogger logger, string kind, string pattern, string distribution);

        [LoggerMessage(EventId = 10, EventName = "ListenerConfigured", Level = LogLevel.Information, Message = "Configured  Listener: {HostPort} proto=any, role={Role}{Extra}")]
        public static partial void ListenerConfigured(ILogger logger, string hostPort, string role, string extra);

        [LoggerMessage(EventId = 11, EventName = "ConnectorConfigured", Level = LogLevel.Information, Message = "Configured  Connector: {HostPort} proto=any, role={Role}{Extra}")]
        public static partial void ConnectorConfigured(ILogger logger, string hostPort, string role, string extra);

        [LoggerMessage(EventId = 12, EventName = "NotYetServed", Level = LogLevel.Warning, Message = "{Entity}: {Text}")]
        public static partial void NotYetServed(ILogger logger, string entity, string text);
    }
}
