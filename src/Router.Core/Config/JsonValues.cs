using System.Text.Json;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Config;

/// <summary>Converts parsed JSON into the value model used by configuration sections.</summary>
internal static class JsonValues
{
    /// <summary>
    /// string → string; integer literal → long (double when out of range); other numbers → double; true/false → bool;
    /// null → null; object → <see cref="AmqpMap"/> with string keys (a repeated key keeps its first position and last
    /// value); array → List&lt;object?&gt;.
    /// </summary>
    public static object? ToObject(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number:
                return e.TryGetInt64(out long l) ? (object)l : e.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Object:
                var map = new AmqpMap();
                foreach (var p in e.EnumerateObject())
                {
                    map[p.Name] = ToObject(p.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(e.GetArrayLength());
                foreach (var item in e.EnumerateArray())
                {
                    list.Add(ToObject(item));
                }

                return list;
            default:
                return null;
        }
    }

    /// <summary>Removes the " LineNumber: n | BytePositionInLine: m." tail System.Text.Json appends to its messages.</summary>
    public static string CleanMessage(JsonException ex)
    {
        string m = ex.Message;
        int i = m.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (i < 0)
        {
            i = m.IndexOf(" Path:", StringComparison.Ordinal);
        }

        return (i >= 0 ? m[..i] : m).TrimEnd().ReplaceLineEndings(" ");
    }
}
