namespace Skrouterd.Buffers;

/// <summary>
/// One block of a message's content: a pinned array filled front to back by the message's producer, linked to the
/// next block. <see cref="Length"/> and <see cref="Next"/> are published with release semantics so consumers on
/// other threads read only completed bytes. The block is reference counted by the cursors that have yet to pass it
/// (plus the message while it is not yet routed, and output batches while they send from it); the last release
/// returns it, with its array, to its size class and reports the freed bytes to its <see cref="IBufferBudget"/>.
/// Arrays live on the pinned object heap, so sockets use them without pinning.
/// </summary>
internal sealed class ContentBlock
{
    /// <summary>Block sizes, smallest first; a request gets the smallest class that fits it.</summary>
    private static readonly int[] s_sizes = [256, 512, 1024, 2048, 4096, 8192, 16384, 65536];

    private static readonly ObjectPool<ContentBlock>[] s_pools = s_sizes
        .Select((size, i) => new ObjectPool<ContentBlock>(() => new ContentBlock(size, i), Math.Max(256, (4 * 1024 * 1024) / size)))
        .ToArray();

    private readonly byte[] _data;
    private readonly int _sizeClass;
    private int _length;
    private ContentBlock? _next;
    private int _refs;
    private IBufferBudget? _budget;

    private ContentBlock(int size, int sizeClass)
    {
        _data = GC.AllocateUninitializedArray<byte>(size, pinned: true);
        _sizeClass = sizeClass;
    }

    /// <summary>The largest block size.</summary>
    public static int MaxSize => s_sizes[^1];

    public byte[] Data => _data;

    public int Capacity => _data.Length;

    public int Length => Volatile.Read(ref _length);

    public ContentBlock? Next => Volatile.Read(ref _next);

    public int Free => _data.Length - _length;

    public static ContentBlock Rent(int minimumSize, int refs, IBufferBudget? budget)
    {
        int c = 0;
        while (c < s_sizes.Length - 1 && s_sizes[c] < minimumSize)
        {
            c++;
        }

        var b = s_pools[c].Rent();
        b._length = 0;
        b._next = null;
        b._refs = refs;
        b._budget = budget;
        budget?.OnBuffered(b._data.Length);
        return b;
    }

    /// <summary>Producer side: copies bytes into the free space; returns how many fit.</summary>
    public int Append(ReadOnlySpan<byte> bytes)
    {
        int n = Math.Min(bytes.Length, _data.Length - _length);
        bytes[..n].CopyTo(_data.AsSpan(_length));
        Volatile.Write(ref _length, _length + n);
        return n;
    }

    /// <summary>Producer side: the writable free space, to fill directly (e.g. from a socket) then <see cref="Commit"/>.</summary>
    public Memory<byte> FreeMemory => _data.AsMemory(_length);

    public void Commit(int count) => Volatile.Write(ref _length, _length + count);

    public void Link(ContentBlock next) => Volatile.Write(ref _next, next);

    public void AddRefs(int count) => Interlocked.Add(ref _refs, count);

    public void Release()
    {
        int refs = Interlocked.Decrement(ref _refs);
        if (refs == 0)
        {
            var budget = _budget;
            _next = null;
            _budget = null;
            budget?.OnReleased(_data.Length);
            s_pools[_sizeClass].Return(this);
        }
        else if (refs < 0)
        {
            throw new InvalidOperationException("content block released more often than referenced");
        }
    }
}
