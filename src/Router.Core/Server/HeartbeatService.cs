using Skrouterd.Amqp.Transport;

namespace Skrouterd.Server;

/// <summary>
/// One timer for every connection's idle-timeout and heartbeats (transport.xml 2.4.5), instead of a timer per
/// connection: on each tick every AMQP connection (adaptor flows are not on the list) checks its input silence and its own output silence.
/// <para>
/// The tick is normally <c>period</c> (a quarter second), but a peer may advertise an idle-time-out so short that
/// ticking that slowly would let it time out (proton with a 0.2 s heartbeat advertises 100 ms and gives up after
/// 200 ms of silence). So each pass also finds the shortest idle-time-out any peer advertised and, when needed, ticks
/// at a quarter of it (never faster than <see cref="MinimumPeriod"/>), so heartbeats go out at about half of it.
/// </para>
/// </summary>
internal sealed class HeartbeatService : IAsyncDisposable
{
    /// <summary>Fastest tick, whatever a peer asks for.</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromMilliseconds(10);

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
        var clock = _server.Core.Clock;
        try
        {
            while (true)
            {
                await Task.Delay(NextTick(period), clock, _stop.Token).ConfigureAwait(false);
                foreach (var (connection, _) in _server.AmqpConnections)
                {
                    connection.CheckIdle();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The default period, or a quarter of the shortest idle-time-out a connected peer advertised.</summary>
    private TimeSpan NextTick(TimeSpan period)
    {
        uint shortest = uint.MaxValue;
        foreach (var (connection, _) in _server.AmqpConnections)
        {
            if (connection is { RemoteIdleTimeoutMs: > 0 and var ms } && ms < shortest)
            {
                shortest = ms;
            }
        }

        if (shortest == uint.MaxValue)
        {
            return period;
        }

        var quarter = TimeSpan.FromMilliseconds(shortest / 4.0);
        return quarter < period ? (quarter < MinimumPeriod ? MinimumPeriod : quarter) : period;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
    }
}
