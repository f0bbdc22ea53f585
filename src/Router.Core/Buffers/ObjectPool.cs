namespace Skrouterd.Buffers;

/// <summary>
/// A bounded pool of reusable objects, sharded by processor: a thread rents from and returns to its processor's
/// shard (a short lock around a small stack), stealing from or spilling to the other shards when its own is empty or
/// full. Objects are typically rented on one connection's thread and returned on another's, so stealing keeps the
/// pool warm in both directions. Renting and returning never allocate once warm.
/// </summary>
internal sealed class ObjectPool<T>
    where T : class
{
    private readonly Func<T> _factory;
    private readonly Shard[] _shards;
    private readonly int _mask;

    public ObjectPool(Func<T> factory, int capacity = 1024)
    {
        _factory = factory;
        int shards = 1;
        while (shards < Environment.ProcessorCount * 2)
        {
            shards <<= 1;
        }

        _shards = new Shard[shards];
        _mask = shards - 1;
        int perShard = Math.Max(16, capacity / shards);
        for (int i = 0; i < shards; i++)
        {
            _shards[i] = new Shard(perShard);
        }
    }

    public T Rent()
    {
        int home = Thread.GetCurrentProcessorId() & _mask;
        for (int i = 0; i <= _mask; i++)
        {
            if (_shards[(home + i) & _mask].TryPop(out var item))
            {
                return item;
            }
        }

        return _factory();
    }

    public void Return(T item)
    {
        int home = Thread.GetCurrentProcessorId() & _mask;
        for (int i = 0; i <= _mask; i++)
        {
            if (_shards[(home + i) & _mask].TryPush(item))
            {
                return;
            }
        }
    }

    private sealed class Shard
    {
        private readonly T?[] _items;
        private int _count;

        public Shard(int capacity) => _items = new T?[capacity];

        public bool TryPop(out T item)
        {
            if (Volatile.Read(ref _count) == 0)
            {
                item = null!;
                return false;
            }

            lock (this)
            {
                if (_count == 0)
                {
                    item = null!;
                    return false;
                }

                item = _items[--_count]!;
                _items[_count] = null;
                return true;
            }
        }

        public bool TryPush(T item)
        {
            if (Volatile.Read(ref _count) == _items.Length)
            {
                return false;
            }

            lock (this)
            {
                if (_count == _items.Length)
                {
                    return false;
                }

                _items[_count++] = item;
                return true;
            }
        }
    }
}
