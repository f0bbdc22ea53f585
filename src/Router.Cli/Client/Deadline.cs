namespace Skrouterd.Cli.Client;

/// <summary>A point in time measured with a <see cref="TimeProvider"/>, or never.</summary>
internal readonly struct Deadline
{
    private readonly TimeProvider _time;
    private readonly long _endTimestamp;
    private readonly bool _infinite;

    private Deadline(TimeProvider time, long endTimestamp, bool infinite)
    {
        _time = time;
        _endTimestamp = endTimestamp;
        _infinite = infinite;
    }

    public static Deadline After(TimeProvider time, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return new Deadline(time, 0, true);
        }

        long ticks = (long)(timeout.TotalSeconds * time.TimestampFrequency);
        return new Deadline(time, time.GetTimestamp() + ticks, false);
    }

    public bool IsInfinite => _infinite;

    public bool Expired => !_infinite && _time.GetTimestamp() >= _endTimestamp;

    /// <summary>Time left (zero when expired, <see cref="Timeout.InfiniteTimeSpan"/> when never).</summary>
    public TimeSpan Remaining
    {
        get
        {
            if (_infinite)
            {
                return Timeout.InfiniteTimeSpan;
            }

            long left = _endTimestamp - _time.GetTimestamp();
            return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)left / _time.TimestampFrequency);
        }
    }
}
