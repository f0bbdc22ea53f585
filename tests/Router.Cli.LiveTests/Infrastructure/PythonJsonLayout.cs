using System.Text.Json;
using Xunit;

namespace Skrouterd.Cli.LiveTests.Infrastructure;

/// <summary>
/// skmanage prints Python's <c>json.dumps(value, indent=2)</c>: parsing its output and laying the value out again
/// that way must give the same text.
/// </summary>
internal static class PythonJsonLayout
{
    /// <summary>Parses <paramref name="stdout"/> (one JSON value and a newline) and checks its layout.</summary>
    public static JsonElement Parse(string stdout)
    {
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement.Clone();
        Assert.Equal(Dumps(root, 0) + "\n", stdout);
        return root;
    }

    /// <summary>json.dumps(value, indent=2) of a parsed value (ASCII only, as the tools print).</summary>
    public static string Dumps(JsonElement e, int depth)
    {
        string pad = new(' ', 2 * (depth + 1));
        string end = new(' ', 2 * depth);
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var props = e.EnumerateObject().ToList();
                return props.Count == 0
                    ? "{}"
                    : "{\n" + string.Join(",\n", props.Select(p => pad + JsonSerializer.Serialize(p.Name) + ": " + Dumps(p.Value, depth + 1))) + "\n" + end + "}";
            case JsonValueKind.Array:
                var items = e.EnumerateArray().ToList();
                return items.Count == 0 ? "[]" : "[\n" + string.Join(",\n", items.Select(i => pad + Dumps(i, depth + 1))) + "\n" + end + "]";
            default:
                return e.GetRawText();
        }
    }
}
