using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Codec;
using Skrouterd.Config;
using Skrouterd.Logging;
using Skrouterd.Management;
using Skrouterd.Routing;
using Skrouterd.Tests.Logging;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>
/// A management agent on a bare router core (no sockets), driven directly through <see cref="ManagementAgent.Handle"/>.
/// Logging goes to a <see cref="LogCapture"/> so tests can read the AGENT lines and use log entities.
/// </summary>
internal sealed class AgentHarness : IDisposable
{
    private readonly ILoggerFactory _loggers;

    public AgentHarness(string configJson = """[["router", {"id": "Router.A", "mode": "interior"}]]""")
    {
        Log = new LogCapture();
        _loggers = LoggerFactory.Create(b => b.ClearProviders().AddProvider(new RouterLoggerProvider(Log.State)).SetMinimumLevel(LogLevel.Trace));
        Config = ConfigLoader.Parse(configJson, "test.json");
        var mode = Config.Mode switch
        {
            "interior" => RouterMode.Interior,
            "edge" => RouterMode.Edge,
            _ => RouterMode.Standalone,
        };
        Core = new RouterCore(Config.RouterId, mode, TimeProvider.System, _loggers);
        Context = new ManagementContext(Core) { LogState = Log.State, Config = Config };
        Agent = new ManagementAgent(Context);
        Agent.LoadConfiguration();
    }

    public LogCapture Log { get; }

    public RouterConfig Config { get; }

    public RouterCore Core { get; }

    public ManagementContext Context { get; }

    public ManagementAgent Agent { get; }

    /// <summary>Handles a request built from application properties and a body; fails if no reply is due.</summary>
    public ManagementResponse Send(object?[] properties, object? body = null) =>
        Agent.Handle(Request(properties, body)) ?? throw new InvalidOperationException("no reply");

    /// <summary>A request with reply-to set: <paramref name="properties"/> are key, value pairs.</summary>
    public static ManagementRequest Request(object?[] properties, object? body = null, string? replyTo = "amqp:/_topo/0/Router.A/temp.test")
    {
        var map = new AmqpMap();
        for (int i = 0; i < properties.Length; i += 2)
        {
            map.Add(properties[i], properties[i + 1]);
        }

        return new ManagementRequest
        {
            ReplyTo = replyTo,
            CorrelationIdRaw = [0x53, 0x01],
            Properties = map,
            HasProperties = true,
            Body = body ?? new AmqpMap(),
            HasBody = true,
        };
    }

    public static AmqpMap Map(params object?[] pairs)
    {
        var map = new AmqpMap();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            map.Add(pairs[i], pairs[i + 1]);
        }

        return map;
    }

    public static List<object?> List(params object?[] items) => [.. items];

    /// <summary>A QUERY reply's rows as maps keyed by attribute name.</summary>
    public static List<Dictionary<string, object?>> Rows(ManagementResponse response)
    {
        var body = (AmqpMap)response.Body!;
        var names = ((List<object?>)body["attributeNames"]!).Cast<string>().ToList();
        return ((List<object?>)body["results"]!)
            .Cast<List<object?>>()
            .Select(r => names.Zip(r).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }

    public static List<string> Keys(object? map) => ((AmqpMap)map!).Select(e => (string)e.Key!).ToList();

    public void Dispose()
    {
        _loggers.Dispose();
        Log.Dispose();
    }
}
