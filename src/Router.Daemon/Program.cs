using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Skrouterd;
using Skrouterd.Config;
using Skrouterd.Daemon;
using Skrouterd.Hosting;
using Skrouterd.Logging;
using Skrouterd.Tcp;

// skrouterd: command line and process lifetime (management-and-deployment.md §1.7).
const string Argv0 = "skrouterd";
SocketCompletionMode.Configure();
var options = CommandLine.Parse(args, Argv0);
if (options.Version)
{
    Console.Out.WriteLine(RouterInfo.Version);
    return 0;
}

if (options.UsageExit is int usageExit)
{
    if (options.Error is not null)
    {
        Console.Error.WriteLine(options.Error);
    }

    Console.Out.Write(CommandLine.Usage(Argv0, ConfigLoader.DefaultConfigPath));
    return usageExit;
}

bool daemonChild = Environment.GetEnvironmentVariable(Daemonizer.ChildMarker) == "1";
if (options.Daemon && !daemonChild)
{
    return Daemonizer.RunParent(args);
}

if (daemonChild)
{
    Daemonizer.DetachChild();
}

// Logging starts with the defaults (DEFAULT: info+ to stderr) so configuration errors are reported like the C router's.
var logState = new LogState();
using var loggerFactory = LoggerFactory.Create(b => b.ClearProviders().AddProvider(new RouterLoggerProvider(logState)).SetMinimumLevel(LogLevel.Trace));
var routerLog = loggerFactory.CreateLogger(LogModules.Router);

RouterConfig config;
try
{
    string? path = options.ConfigPath;
    if (path is null && !File.Exists(ConfigLoader.DefaultConfigPath))
    {
        config = ConfigLoader.Parse(DefaultConfiguration.Json, DefaultConfiguration.Name);
    }
    else
    {
        config = ConfigLoader.Load(path ?? ConfigLoader.DefaultConfigPath);
    }

    foreach (var entity in config.OfType("log"))
    {
        if (!entity.IsImplicit)
        {
            logState.ApplyConfig(LogEntities.FromConfig(entity.Attributes));
        }
    }

    var router = config.Router.Attributes;
    logState.SetTimestampOptions(router.GetString("timestampFormat"), router.GetBoolean("timestampsInUTC") ?? false);
}
catch (Exception e) when (e is ConfigException or LogConfigException)
{
    StartupFailed(e.Message);
    return 1;
}

foreach (var warning in config.Warnings)
{
    routerLog.LogWarning("{Warning}", warning);
}

var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
builder.Logging.ClearProviders().AddProvider(new RouterLoggerProvider(logState)).SetMinimumLevel(LogLevel.Trace);

// The generic host logs a failed start ("Hosting failed to start") with the exception's stack trace before rethrowing
// it; the failure is reported below exactly as the C router does (ROUTER critical + "skrouterd: <msg>"), so keep the
// host's own error logging out of the router log.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
builder.Services.AddSingleton(logState);
builder.Services.AddSingleton(sp =>
{
    var runtime = new RouterRuntime(config, sp.GetRequiredService<ILoggerFactory>(), logState, TimeProvider.System);
    bool drop = config.Router.Attributes.GetBoolean("dropTcpConnections") ?? false;
    runtime.Adaptors.Add(new TcpAdaptorHost(new TcpAdaptor(runtime.Core, runtime.Server.FindSslProfile, drop)));
    return runtime;
});
builder.Services.AddHostedService(sp => new RouterHostedService(sp.GetRequiredService<RouterRuntime>(), () =>
{
    if (options.PidFile is not null && (options.Daemon || daemonChild))
    {
        Daemonizer.WritePidFile(options.PidFile);
    }

    if (options.User is not null && daemonChild)
    {
        Daemonizer.SwitchUser(options.User);
    }

    if (daemonChild)
    {
        Daemonizer.ReportReady();
    }
}));

// SIGHUP is caught and ignored: there is no configuration reload (SIGTERM, SIGINT and SIGQUIT stop the host).
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => context.Cancel = true);

using var host = builder.Build();
try
{
    await host.RunAsync();
}
catch (RouterStartupException e)
{
    StartupFailed(e.Message);
    return 1;
}
catch (Exception e) when (e is InvalidOperationException or UnauthorizedAccessException or IOException)
{
    StartupFailed(e.Message);
    return 1;
}

logState.Dispose();
return 0;

void StartupFailed(string message)
{
    routerLog.LogCritical("Router start-up failed: {Message}", message);
    Console.Error.WriteLine($"{Argv0}: {message}");
}
