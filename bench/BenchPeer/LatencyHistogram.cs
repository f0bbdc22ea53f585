using System.Numerics;

namespace Skrouterd.Bench;

/// <summary>
/// A log-linear histogram of nanosecond values (the shape of HdrHistogram): exact below 128, then 64 buckets per
/// power of two, so any recorded value is reported within 1.6%. Fixed size; recording never allocates.
/// Single writer.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int Linear = 2 * SubBuckets;

    private readonly long[] _counts = new long[Linear + (64 - 7) * SubBuckets];
    private long _total;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    public long Count => _total;

    public double MeanMicroseconds => _total == 0 ? 0 : _sum / (double)_total / 1000.0;

    public double MaxMicroseconds => _max / 1000.0;

    public double MinMicroseconds => _total == 0 ? 0 : _min / 1000.0;

    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        _counts[Index(nanoseconds)]++;
        _total++;
        _sum += nanoseconds;
        _min = Math.Min(_min, nanoseconds);
        _max = Math.Max(_max, nanoseconds);
    }

    public void Clear()
    {
        Array.Clear(_counts);
        _total = 0;
        _sum = 0;
        _min = long.MaxValue;
        _max = 0;
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100), in microseconds (middle of its bucket).</summary>
    public double PercentileMicroseconds(double percentile)
    {
        if (_total == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * _total));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(Middle(i), _max) / 1000.0;
            }
        }

        return _max / 1000.0;
    }

    private static int Index(long v)
    {
        if (v < Linear)
        {
            return (int)v;
        }

        int msb = 63 - BitOperations.LeadingZeroCount((ulong)v);
        int shift = msb - 6;
        int top = (int)(v >> shift);
        return Linear + ((shift - 1) * SubBuckets) + (top - SubBuckets);
    }

    private static long Middle(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        int shift = ((index - Linear) / SubBuckets) + 1;
        long top = ((index - Linear) % SubBuckets) + SubBuckets;
        return (top << shift) + ((1L << shift) / 2);
    }
}
