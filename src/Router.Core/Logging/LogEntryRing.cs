namespace Skrouterd.Logging;

/// <summary>Fixed-capacity ring of the most recent <see cref="LogEntry"/> values. Not thread-safe: the owner locks.</summary>
internal sealed class LogEntryRing
{
    private readonly LogEntry[] _items;
    private int _next;
    private int _count;

    public LogEntryRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _items = new LogEntry[capacity];
    }

    public int Capacity => _items.Length;

    public int Count => _count;

    /// <summary>Adds an entry, dropping the oldest when full.</summary>
    public void Add(in LogEntry entry)
    {
        _items[_next] = entry;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (_count < _items.Length)
        {
            _count++;
        }
    }

    /// <summary>The newest <paramref name="limit"/> entries (all if <paramref name="limit"/> ≤ 0), oldest first.</summary>
    public LogEntry[] GetRecent(int limit)
    {
        int n = limit <= 0 ? _count : Math.Min(limit, _count);
        var result = new LogEntry[n];
        int start = _next - n;
        if (start < 0)
        {
            start += _items.Length;
        }

        for (int i = 0; i < n; i++)
        {
            int index = start + i;
            result[i] = _items[index >= _items.Length ? index - _items.Length : index];
        }

        return result;
    }
}
