using System.Buffers;

namespace Skrouterd.Buffers;

/// <summary>
/// One block of a message's content: a pooled array filled front to back by the message's producer, linked to the
/// next block. <see cref="Length"/> and <see cref="Next"/> are published with release semantics so consumers on
/// other threads read only completed bytes. The block is reference counted by the cursors that have yet to pass it
/// (plus the message while it is not yet routed); the last release returns array and block to their pools and
/// reports the freed bytes to the block's <see cref="IBufferBudget"/>.
/// </summary>
internal sealed class ContentBlock
{
    private static readonly ObjectPool<ContentBlock> s_pool = new(() => new ContentBlock(), 4096);

    private byte[] _data = [];
    private int _length;
    private ContentBlock? _next;
    private int _refs;
    private IBufferBudget? _budget;

    public byte[] Data => _data;

    public int Capacity => _data.Length;

    public int Length => Volatile.Read(ref _length);

    public ContentBlock? Next => Volatile.Read(ref _next);

    public int Free => _data.Length - _length;

    public static ContentBlock Rent(int minimumSize, int refs, IBufferBudget? budget)
    {
        var b = s_pool.Rent();
        b._data = ArrayPool<byte>.Shared.Rent(minimumSize);
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
            var data = _data;
            var budget = _budget;
            _data = [];
            _next = null;
            _budget = null;
            budget?.OnReleased(data.Length);
            ArrayPool<byte>.Shared.Return(data);
            s_pool.Return(this);
        }
        else if (refs < 0)
        {
            throw new InvalidOperationException("content block released more often than referenced");
        }
    }
}
