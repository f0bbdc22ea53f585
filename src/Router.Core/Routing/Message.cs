using Skrouterd.Buffers;

namespace Skrouterd.Routing;

/// <summary>
/// The encoded bytes of one message as they cross the router: a chain of <see cref="ContentBlock"/>s appended by the
/// single producer (the receiving connection or an adaptor) and read, concurrently and without copying, by every
/// consumer's <see cref="ContentCursor"/>. The bytes are copied exactly once, from the producer's input into the
/// blocks; outbound connections send straight from the blocks.
/// <para>
/// Threading: appends, <see cref="Complete"/>/<see cref="Abort"/> and <see cref="AddConsumer"/> run on the producer's
/// thread; consumers read published lengths. Block creation, consumer registration and consumer removal take
/// <see cref="Sync"/> so every block is created with exactly one reference per consumer that will pass it.
/// </para>
/// Pooled: the instance is reused once the producer's delivery and every consumer delivery let go of it.
/// <para>
/// The producer holds one reference on the tail block until it links the next one or ends the message
/// (<see cref="Complete"/>, <see cref="Abort"/>): a consumer that leaves early (<see cref="RemoveConsumer"/>) releases
/// its blocks up to the tail, and the producer may be writing into the tail at that moment (a socket read in flight).
/// </para>
/// </summary>
internal sealed class Message
{
    private const int InlineConsumers = 2;

    private static readonly ObjectPool<Message> s_pool = new(() => new Message(), 4096);

    private readonly Delivery?[] _inline = new Delivery?[InlineConsumers];
    private Delivery?[]? _overflow;
    private int _consumerSlots;
    private int _activeConsumers;

    private ContentBlock? _first;
    private ContentBlock? _tail;
    private long _length;
    private int _refs;
    private bool _holding;
    private bool _tailHeld;
    private volatile bool _complete;
    private volatile bool _aborted;
    private IBufferBudget? _budget;

    /// <summary>The inline consumer array doubles as the lock: no separate lock object per message.</summary>
    private object Sync => _inline;

    /// <summary>Size hint for the next block the producer allocates.</summary>
    public const int StreamBlockSize = 64 * 1024;

    public static Message Rent(IBufferBudget? budget)
    {
        var m = s_pool.Rent();
        m._refs = 1;
        m._holding = true;
        m._budget = budget;
        return m;
    }

    /// <summary>Total bytes appended so far (published after the bytes).</summary>
    public long Length => Volatile.Read(ref _length);

    public bool IsComplete => _complete;

    public bool IsAborted => _aborted;

    /// <summary>True once every byte has arrived or the producer gave up.</summary>
    public bool IsFinished => _complete || _aborted;

    public ContentBlock? FirstBlock => Volatile.Read(ref _first);

    /// <summary>Number of consumers still reading (used to drop content no one will read).</summary>
    public int ActiveConsumers => Volatile.Read(ref _activeConsumers);

    /// <summary>True while the message itself keeps its blocks (before routing has settled the consumer set).</summary>
    public bool IsHolding => _holding;

    public void AddRef() => Interlocked.Increment(ref _refs);

    public void Release()
    {
        int refs = Interlocked.Decrement(ref _refs);
        if (refs == 0)
        {
            Reset();
            s_pool.Return(this);
        }
        else if (refs < 0)
        {
            throw new InvalidOperationException("message released more often than referenced");
        }
    }

    /// <summary>
    /// Producer: appends bytes, creating blocks as needed. Content is dropped once routing is done and no consumer
    /// is left. <paramref name="sizeHint"/> sizes a new block (whole small messages get a block that fits).
    /// </summary>
    public void Append(ReadOnlySpan<byte> bytes, int sizeHint = 0)
    {
        if (bytes.IsEmpty || (!_holding && Volatile.Read(ref _activeConsumers) == 0))
        {
            return;
        }

        var tail = _tail;
        while (!bytes.IsEmpty)
        {
            if (tail is null || tail.Free == 0)
            {
                tail = NewBlock(Math.Max(bytes.Length, sizeHint));
                if (tail is null)
                {
                    return;
                }
            }

            int n = tail.Append(bytes);
            bytes = bytes[n..];
            Volatile.Write(ref _length, _length + n);
        }
    }

    /// <summary>Producer: appends a multi-segment payload.</summary>
    public void Append(in System.Buffers.ReadOnlySequence<byte> payload, int sizeHint = 0)
    {
        if (payload.IsSingleSegment)
        {
            Append(payload.FirstSpan, sizeHint);
            return;
        }

        int hint = (int)Math.Min(Math.Max(payload.Length, sizeHint), StreamBlockSize);
        foreach (var segment in payload)
        {
            Append(segment.Span, hint);
        }
    }

    /// <summary>
    /// Producer: returns a block with at least <paramref name="minFree"/> free bytes to fill in place (adaptors reading
    /// a socket), creating one of <paramref name="sizeHint"/> bytes if needed; null once no consumer is left. When the
    /// tail has too little room its unused bytes are left empty: readers stop at its committed length.
    /// </summary>
    public ContentBlock? GetWritableTail(int minFree, int sizeHint)
    {
        if (!_holding && Volatile.Read(ref _activeConsumers) == 0)
        {
            return null;
        }

        var tail = _tail;
        if (tail is not null && tail.Free >= minFree)
        {
            return tail;
        }

        return NewBlock(Math.Max(sizeHint, minFree));
    }

    /// <summary>Producer: publishes bytes written in place into the tail block.</summary>
    public void CommitTail(int count)
    {
        _tail!.Commit(count);
        Volatile.Write(ref _length, _length + count);
    }

    private ContentBlock? NewBlock(int size)
    {
        ContentBlock? previous;
        ContentBlock block;
        lock (Sync)
        {
            int refs = _activeConsumers + (_holding ? 1 : 0);
            if (refs == 0)
            {
                return null;
            }

            // One reference per consumer, the message's hold, and the producer's (released when it moves on).
            block = ContentBlock.Rent(Math.Clamp(size, 256, StreamBlockSize), refs + 1, _budget);
            if (_tail is null)
            {
                Volatile.Write(ref _first, block);
            }
            else
            {
                _tail.Link(block);
            }

            previous = _tailHeld ? _tail : null;
            _tail = block;
            _tailHeld = true;
        }

        previous?.Release();
        return block;
    }

    /// <summary>Producer: the last byte has been appended.</summary>
    public void Complete()
    {
        _complete = true;
        ReleaseProducerTail();
    }

    /// <summary>Producer: the message will never be completed (aborted transfer, lost producer).</summary>
    public void Abort()
    {
        _aborted = true;
        ReleaseProducerTail();
    }

    /// <summary>Producer: it will write no more, so it lets go of the tail block.</summary>
    private void ReleaseProducerTail()
    {
        ContentBlock? tail = null;
        lock (Sync)
        {
            if (_tailHeld)
            {
                _tailHeld = false;
                tail = _tail;
            }
        }

        tail?.Release();
    }

    /// <summary>
    /// Producer, while routing: registers a consumer delivery. Its cursor starts at the first block, and it holds a
    /// reference on every existing block. Consumers are woken through <see cref="WakeConsumers"/>.
    /// </summary>
    public void AddConsumer(Delivery consumer)
    {
        lock (Sync)
        {
            for (var b = _first; b is not null; b = b.Next)
            {
                b.AddRefs(1);
            }

            _activeConsumers++;
            if (_consumerSlots < InlineConsumers)
            {
                _inline[_consumerSlots++] = consumer;
                return;
            }

            int index = _consumerSlots - InlineConsumers;
            if (_overflow is null || index >= _overflow.Length)
            {
                Array.Resize(ref _overflow, Math.Max(8, index * 2));
            }

            _overflow[index] = consumer;
            _consumerSlots++;
        }
    }

    /// <summary>Producer: routing is done; the message stops holding its blocks (consumers now own them).</summary>
    public void DropHold()
    {
        ContentBlock? tail = null;
        lock (Sync)
        {
            if (!_holding)
            {
                return;
            }

            _holding = false;
            var b = _first;
            while (b is not null)
            {
                var next = b.Next;
                b.Release();
                b = next;
            }

            if (_activeConsumers == 0)
            {
                // Nobody will read the content: the producer's appends are dropped from now on.
                tail = _tailHeld ? _tail : null;
                _tailHeld = false;
                _first = null;
                _tail = null;
            }
        }

        tail?.Release();
    }

    /// <summary>
    /// Consumer: stops reading; releases the blocks from its cursor to the tail so they can be freed.
    /// Safe to call once per consumer.
    /// </summary>
    public void RemoveConsumer(Delivery consumer, ContentBlock? cursorBlock)
    {
        if (_complete && !_holding)
        {
            // A complete message gets no new block, so nothing else reads the consumer count: no lock needed.
            // The consumer's slot stays until reset; waking it would be harmless.
            Interlocked.Decrement(ref _activeConsumers);
            ReleaseChain(cursorBlock ?? Volatile.Read(ref _first));
            return;
        }

        lock (Sync)
        {
            for (int i = 0; i < _consumerSlots; i++)
            {
                ref var slot = ref i < InlineConsumers ? ref _inline[i] : ref _overflow![i - InlineConsumers];
                if (ReferenceEquals(slot, consumer))
                {
                    slot = null;
                    _activeConsumers--;
                    var b = cursorBlock ?? _first;
                    while (b is not null)
                    {
                        var next = b.Next;
                        b.Release();
                        b = next;
                    }

                    return;
                }
            }
        }
    }

    /// <summary>Producer: tells every consumer's connection that more content (or the end) is available.</summary>
    public void WakeConsumers()
    {
        int n = Volatile.Read(ref _consumerSlots);
        for (int i = 0; i < n && i < InlineConsumers; i++)
        {
            _inline[i]?.WakeLink();
        }

        var overflow = _overflow;
        if (overflow is not null)
        {
            for (int i = 0; i < n - InlineConsumers && i < overflow.Length; i++)
            {
                overflow[i]?.WakeLink();
            }
        }
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length bytes from the start (for parsing leading sections).</summary>
    public int CopyPrefix(Span<byte> destination)
    {
        int copied = 0;
        for (var b = FirstBlock; b is not null && copied < destination.Length; b = b.Next)
        {
            var next = b.Next; // read before the length: a block's length is final once its successor is linked
            int n = Math.Min(b.Length, destination.Length - copied);
            b.Data.AsSpan(0, n).CopyTo(destination[copied..]);
            copied += n;
            if (next is null)
            {
                break;
            }
        }

        return copied;
    }

    /// <summary>Copies the whole content (control plane only: management requests).</summary>
    public byte[] ToArray()
    {
        var result = new byte[Length];
        int copied = 0;
        for (var b = FirstBlock; b is not null && copied < result.Length; b = b.Next)
        {
            int n = Math.Min(b.Length, result.Length - copied);
            b.Data.AsSpan(0, n).CopyTo(result.AsSpan(copied));
            copied += n;
        }

        return result;
    }

    private static void ReleaseChain(ContentBlock? b)
    {
        while (b is not null)
        {
            var next = b.Next;
            b.Release();
            b = next;
        }
    }

    /// <summary>Runs when the last reference goes: nothing else can touch the message, so no lock.</summary>
    private void Reset()
    {
        if (_holding)
        {
            _holding = false;
            ReleaseChain(_first);
        }

        if (_tailHeld)
        {
            _tailHeld = false;
            _tail!.Release();
        }

        Array.Clear(_inline);
        if (_overflow is not null)
        {
            Array.Clear(_overflow);
        }

        _consumerSlots = 0;
        _activeConsumers = 0;
        _first = null;
        _tail = null;
        _length = 0;
        _complete = false;
        _aborted = false;
        _budget = null;
    }
}
