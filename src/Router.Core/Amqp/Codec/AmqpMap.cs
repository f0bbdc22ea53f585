using System.Collections;

namespace Skrouterd.Amqp.Codec;

/// <summary>
/// An AMQP map that keeps its entries in wire order (replies must list keys in the order the C router does).
/// Look-ups are linear: maps on the wire are small (application-properties, management bodies).
/// </summary>
public sealed class AmqpMap : IEnumerable<KeyValuePair<object?, object?>>
{
    private readonly List<KeyValuePair<object?, object?>> _entries;

    public AmqpMap() => _entries = new List<KeyValuePair<object?, object?>>();

    public AmqpMap(int capacity) => _entries = new List<KeyValuePair<object?, object?>>(capacity);

    public int Count => _entries.Count;

    public KeyValuePair<object?, object?> this[int index] => _entries[index];

    /// <summary>Gets or sets by key; setting a present key replaces its value in place.</summary>
    public object? this[object key]
    {
        get => TryGetValue(key, out var v) ? v : null;
        set
        {
            int i = IndexOf(key);
            if (i >= 0)
            {
                _entries[i] = new(key, value);
            }
            else
            {
                _entries.Add(new(key, value));
            }
        }
    }

    public void Add(object? key, object? value) => _entries.Add(new(key, value));

    public bool ContainsKey(object key) => IndexOf(key) >= 0;

    public bool TryGetValue(object key, out object? value)
    {
        int i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : null;
        return i >= 0;
    }

    /// <summary>Looks up a key given as string or symbol, matching either type on the wire.</summary>
    public bool TryGetText(string key, out object? value)
    {
        foreach (var e in _entries)
        {
            if ((e.Key is string s && s == key) || (e.Key is AmqpSymbol y && y.Value == key))
            {
                value = e.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public bool Remove(object key)
    {
        int i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }

        _entries.RemoveAt(i);
        return true;
    }

    private int IndexOf(object key)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (AmqpValueComparer.Instance.Equals(_entries[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    public IEnumerator<KeyValuePair<object?, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
