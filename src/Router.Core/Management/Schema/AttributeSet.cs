using System.Collections;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management.Schema;

/// <summary>
/// An immutable, ordered set of validated attribute values of one entity (schema order). Values are
/// <see cref="string"/> (string, path, entityId, enum tag), <see cref="long"/>, <see cref="bool"/>,
/// <see cref="AmqpMap"/> (map, properties) or <c>List&lt;object?&gt;</c>. Absent attributes are not listed.
/// </summary>
internal sealed class AttributeSet : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items;

    public AttributeSet(IEnumerable<KeyValuePair<string, object?>> items) => _items = [.. items];

    public static AttributeSet Empty { get; } = new([]);

    public int Count => _items.Length;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    /// <summary>The value of an attribute, or null when absent.</summary>
    public object? this[string name] => TryGetValue(name, out var v) ? v : null;

    public IEnumerable<string> Names => _items.Select(i => i.Key);

    public bool Contains(string name) => IndexOf(name) >= 0;

    public bool TryGetValue(string name, out object? value)
    {
        int i = IndexOf(name);
        value = i >= 0 ? _items[i].Value : null;
        return i >= 0;
    }

    public string? GetString(string name) => this[name] as string;

    public long? GetInteger(string name) => this[name] is long l ? l : null;

    public bool? GetBoolean(string name) => this[name] is bool b ? b : null;

    /// <summary>Returns a copy with <paramref name="name"/> set (replaced in place, or placed in schema order when new).</summary>
    public AttributeSet With(string name, object? value, EntityTypeSchema type)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var i in _items)
        {
            map[i.Key] = i.Value;
        }

        map[name] = value;
        return InSchemaOrder(map, type);
    }

    /// <summary>The values as an AMQP map with string keys, in schema order (a READ/CREATE response body).</summary>
    public AmqpMap ToAmqpMap()
    {
        var map = new AmqpMap(_items.Length);
        foreach (var i in _items)
        {
            map.Add(i.Key, i.Value);
        }

        return map;
    }

    internal static AttributeSet InSchemaOrder(IReadOnlyDictionary<string, object?> values, EntityTypeSchema type)
    {
        var list = new List<KeyValuePair<string, object?>>(values.Count);
        foreach (var a in type.Attributes)
        {
            if (values.TryGetValue(a.Name, out var v) && v is not null)
            {
                list.Add(new(a.Name, v));
            }
        }

        return new AttributeSet(list);
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _items.Length; i++)
        {
            if (_items[i].Key == name)
            {
                return i;
            }
        }

        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
