using Skrouterd.Amqp.Transport;

namespace Skrouterd.Server;

/// <summary>
/// One timer for every connection's idle-timeout and heartbeats (transport.xml 2.4.5), instead of a timer per
/// connection: every quarter second each connection checks its input silence and its own output silence.
/// </summary>
internal sealed class HeartbeatService : IAsyncDisposable
{
    private readonly RouterServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HeartbeatService(RouterServer server, TimeSpan period)
    {
        _server = server;
        _loop = RunAsync(period);
    }

    private async Task RunAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period, _server.Core.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                foreach (var connection in _server.Core.Connections.Values)
                {
                    if (connection is AmqpConnection amqp)
                    {
                        amqp.CheckIdle();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
    }
}
