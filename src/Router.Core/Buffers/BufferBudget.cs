namespace Skrouterd.Buffers;

/// <summary>
/// A byte budget with a wake-up: <see cref="IsExhausted"/> turns true at the limit, and the owner's callback runs
/// once when usage falls back under half of it, so the owner can resume reading (e.g. re-open a session window).
/// </summary>
internal sealed class BufferBudget : IBufferBudget
{
    private readonly long _limit;
    private readonly Action _onRelieved;
    private long _used;
    private int _blocked;

    public BufferBudget(long limit, Action onRelieved)
    {
        _limit = limit;
        _onRelieved = onRelieved;
    }

    public long Used => Volatile.Read(ref _used);

    public long Limit => _limit;

    public long Available => Math.Max(0, _limit - Used);

    public bool IsExhausted => Used >= _limit;

    /// <summary>Marks the owner as waiting for relief; the callback fires when usage drops under half the limit.</summary>
    public void MarkBlocked()
    {
        Volatile.Write(ref _blocked, 1);
        if (Used < _limit / 2 && Interlocked.Exchange(ref _blocked, 0) == 1)
        {
            _onRelieved();
        }
    }

    public void OnBuffered(int bytes) => Interlocked.Add(ref _used, bytes);

    public void OnReleased(int bytes)
    {
        long used = Interlocked.Add(ref _used, -bytes);
        if (used < _limit / 2 && Volatile.Read(ref _blocked) == 1 && Interlocked.Exchange(ref _blocked, 0) == 1)
        {
            _onRelieved();
        }
    }
}
