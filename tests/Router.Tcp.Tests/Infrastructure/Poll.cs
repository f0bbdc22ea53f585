using System.Diagnostics;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>Waits for a condition by polling it until a deadline (never a fixed sleep as synchronisation).</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? state = null)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? DefaultTimeout).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}" + (state is null ? "" : $" ({state()})"));
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
