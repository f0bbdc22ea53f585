using Microsoft.Extensions.Logging;
using Skrouterd.Config;
using Skrouterd.Hosting;
using Skrouterd.Logging;

namespace Skrouterd.Tests.Management.Live;

/// <summary>A whole router (runtime, server, agent) in this process, with a plain AMQP listener on a loopback port 0.</summary>
internal sealed class LiveRouter : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly MemoryStream _stderr = new();

    private LiveRouter(string extraEntities)
    {
        Log = new LogState(TimeProvider.System, new MemoryStream(), _stderr, "/nonexistent/skrouterd-test/log");
        _loggers = LoggerFactory.Create(b => b.ClearProviders().AddProvider(new RouterLoggerProvider(Log)).SetMinimumLevel(LogLevel.Trace));
        string json = $$"""
            [
                ["router", {"id": "Router.L", "mode": "interior"}],
                ["listener", {"name": "amqp", "host": "127.0.0.1", "port": "0", "saslMechanisms": "ANONYMOUS", "authenticatePeer": false}]
                {{extraEntities}}
            ]
            """;
        Runtime = new RouterRuntime(ConfigLoader.Parse(json, "live.json"), _loggers, Log, TimeProvider.System);
    }

    public LogState Log { get; }

    public RouterRuntime Runtime { get; }

    public int Port { get; private set; }

    public string Url => $"amqp://127.0.0.1:{Port}";

    public static LiveRouter Start(string extraEntities = "")
    {
        var router = new LiveRouter(extraEntities);
        router.Runtime.Start();
        router.Port = router.Runtime.Server.Listeners.Single(l => l.Options.Name == "amqp").BoundPorts[0];
        return router;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync(TimeSpan.FromSeconds(2));
        await Runtime.DisposeAsync();
        _loggers.Dispose();
        Log.Dispose();
    }
}
