using System.Threading.Tasks.Sources;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// An auto-reset, allocation-free wake-up for one waiting loop (a connection's writer). <see cref="Set"/> is
/// lock-free and may be called from any thread any number of times; <see cref="WaitAsync"/> completes once per
/// burst of sets. Only one waiter at a time.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    private const int Idle = 0;
    private const int Signaled = 1;
    private const int Waiting = 2;

    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _state;

    public void Set() => Set(inline: false);

    /// <summary>
    /// Wakes the waiter. With <paramref name="inline"/> its continuation runs on this thread, inside this call, instead
    /// of being queued to the thread pool: only for a caller that holds no lock and may run the waiter's code now.
    /// </summary>
    public void Set(bool inline)
    {
        while (true)
        {
            int s = Volatile.Read(ref _state);
            if (s == Signaled)
            {
                return;
            }

            if (s == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Signaled, Idle) == Idle)
                {
                    return;
                }
            }
            else if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                // Only this thread completes the waiter (the CAS above), and the waiter is suspended until it does.
                _core.RunContinuationsAsynchronously = !inline;
                _core.SetResult(true);
                return;
            }
        }
    }

    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signaled) == Signaled)
        {
            return ValueTask.CompletedTask;
        }

        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
        {
            // Set() raced in between: consume it.
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }

        return new ValueTask(this, _core.Version);
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
