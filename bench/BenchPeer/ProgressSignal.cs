namespace Skrouterd.Bench;

/// <summary>
/// A count with one writer (a peer's loop) and a waiter that blocks until it reaches a target. Allocation-free
/// once created; <see cref="Fail"/> releases the waiter when the connection ends. The waiter blocks without
/// spinning: on a small machine a spinning waiter takes a core from the router it is measuring.
/// </summary>
public sealed class ProgressSignal
{
    private readonly ManualResetEventSlim _reached = new(false, spinCount: 0);
    private long _count;
    private long _target = long.MaxValue;
    private volatile bool _failed;

    public long Count => Volatile.Read(ref _count);

    public bool Failed => _failed;

    /// <summary>Writer: adds to the count and wakes the waiter at the target.</summary>
    public void Add(long n)
    {
        long count = _count + n;
        Volatile.Write(ref _count, count);
        if (count >= Volatile.Read(ref _target))
        {
            _reached.Set();
        }
    }

    public void Fail()
    {
        _failed = true;
        _reached.Set();
    }

    /// <summary>Blocks until the count reaches <paramref name="target"/>; false on time-out or failure.</summary>
    public bool Wait(long target, TimeSpan timeout)
    {
        Volatile.Write(ref _target, target);
        if (Count >= target)
        {
            return true;
        }

        _reached.Reset();
        if (Count >= target || _failed)
        {
            return Count >= target;
        }

        _reached.Wait(timeout);
        return Count >= target;
    }
}
