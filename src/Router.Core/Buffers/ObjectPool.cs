using System.Runtime.CompilerServices;

namespace Skrouterd.Buffers;

/// <summary>
/// A bounded, lock-free pool of reusable objects (the shape of Microsoft.Extensions.ObjectPool's DefaultObjectPool):
/// one fast slot plus an array of slots claimed with CompareExchange. Renting and returning never allocate once
/// the pool is warm; when it is empty a new object is created, when full the returned one is dropped.
/// </summary>
internal sealed class ObjectPool<T>
    where T : class
{
    private readonly Func<T> _factory;
    private readonly T?[] _items;
    private T? _fast;

    public ObjectPool(Func<T> factory, int capacity = 1024)
    {
        _factory = factory;
        _items = new T?[capacity];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Rent()
    {
        var item = _fast;
        if (item is not null && Interlocked.CompareExchange(ref _fast, null, item) == item)
        {
            return item;
        }

        return RentSlow();
    }

    private T RentSlow()
    {
        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item is not null && Interlocked.CompareExchange(ref items[i], null, item) == item)
            {
                return item;
            }
        }

        return _factory();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Return(T item)
    {
        if (_fast is null && Interlocked.CompareExchange(ref _fast, item, null) is null)
        {
            return;
        }

        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is null && Interlocked.CompareExchange(ref items[i], item, null) is null)
            {
                return;
            }
        }
    }
}
