using Microsoft.Extensions.Hosting;
using Skrouterd.Hosting;

namespace Skrouterd.Daemon;

/// <summary>Runs the router inside the generic host: configured at start, closed cleanly at stop (SIGTERM, SIGINT, SIGQUIT).</summary>
internal sealed class RouterHostedService : IHostedService
{
    private readonly RouterRuntime _runtime;
    private readonly Action _started;

    public RouterHostedService(RouterRuntime runtime, Action started)
    {
        _runtime = runtime;
        _started = started;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _runtime.Start();
        _started();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _runtime.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await _runtime.DisposeAsync().ConfigureAwait(false);
    }
}
