using Skrouterd.Amqp.Codec;

namespace Skrouterd.Cli.Python;

/// <summary>
/// Python dict semantics over a decoded AMQP map: proton turns a map into a dict, so keys that Python considers equal
/// (str and symbol with the same text, 1 and True) collapse into one entry that keeps the first key's position and the
/// last value.
/// </summary>
internal static class PyDict
{
    public static List<KeyValuePair<object?, object?>> Entries(AmqpMap map)
    {
        var result = new List<KeyValuePair<object?, object?>>(map.Count);
        for (int i = 0; i < map.Count; i++)
        {
            var e = map[i];
            int at = IndexOf(result, e.Key);
            if (at >= 0)
            {
                result[at] = new(result[at].Key, e.Value);
            }
            else
            {
                result.Add(e);
            }
        }

        return result;
    }

    /// <summary>Looks a key up the way <c>dict[key]</c> would (the last of equal keys wins).</summary>
    public static bool TryGet(AmqpMap map, object key, out object? value)
    {
        value = null;
        bool found = false;
        for (int i = 0; i < map.Count; i++)
        {
            if (KeyEquals(map[i].Key, key))
            {
                value = map[i].Value;
                found = true;
            }
        }

        return found;
    }

    /// <summary>dict assignment: a copy of <paramref name="map"/> (deduplicated) with <paramref name="key"/> set,
    /// replacing an equal key's value in place or appending.</summary>
    public static AmqpMap With(AmqpMap map, object key, object? value)
    {
        var entries = Entries(map);
        int at = IndexOf(entries, key);
        if (at >= 0)
        {
            entries[at] = new(entries[at].Key, value);
        }
        else
        {
            entries.Add(new(key, value));
        }

        var result = new AmqpMap(entries.Count);
        foreach (var e in entries)
        {
            result.Add(e.Key, e.Value);
        }

        return result;
    }

    /// <summary>A deduplicated copy (what <c>dict(pairs)</c> builds).</summary>
    public static AmqpMap FromPairs(IEnumerable<KeyValuePair<object?, object?>> pairs)
    {
        var map = new AmqpMap();
        foreach (var p in pairs)
        {
            map.Add(p.Key, p.Value);
        }

        var entries = Entries(map);
        var result = new AmqpMap(entries.Count);
        foreach (var e in entries)
        {
            result.Add(e.Key, e.Value);
        }

        return result;
    }

    private static int IndexOf(List<KeyValuePair<object?, object?>> entries, object? key)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            if (KeyEquals(entries[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool KeyEquals(object? a, object? b)
    {
        if (PyNumber.TryText(a, out var ta) && PyNumber.TryText(b, out var tb))
        {
            return ta == tb;
        }

        if (PyNumber.TryInteger(a, out var ia, allowBool: true) && PyNumber.TryInteger(b, out var ib, allowBool: true))
        {
            return ia == ib;
        }

        if (PyNumber.TryReal(a, out var da) && PyNumber.TryReal(b, out var db))
        {
            return da == db;
        }

        return AmqpValueComparer.Instance.Equals(a, b);
    }
}
