using System.Text;
using System.Text.Json;

namespace Skrouterd.Config;

/// <summary>
/// Parses the JSON configuration format: a top-level array of <c>["type", {attributes}]</c> entries. Lines whose
/// first non-blank character is <c>#</c> are comments (blanked before parsing so line numbers stay true).
/// </summary>
internal static class JsonConfigParser
{
    public static List<ConfigSection> Parse(string text, string file)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(BlankCommentLines(text));
        int[] lineStarts = LineStarts(utf8);
        var sections = new List<ConfigSection>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                throw new ConfigException(file, 0, null, null, null, "Configuration file contains no JSON value");
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new ConfigException(
                    file, LineOf(lineStarts, reader.TokenStartIndex), null, null, null,
                    "Configuration must be a JSON array of [\"<entity type>\", {<attributes>}] entries");
            }

            while (true)
            {
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                int line = LineOf(lineStarts, reader.TokenStartIndex);
                using var doc = JsonDocument.ParseValue(ref reader);
                sections.Add(ToSection(doc.RootElement, file, line));
            }

            // Anything after the top-level array is a syntax error (the reader throws on it).
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? 0) + 1;
            string where = ex.BytePositionInLine is long col ? $" (column {col + 1})" : string.Empty;
            throw new ConfigException(file, line, null, null, null, $"JSON syntax error: {JsonValues.CleanMessage(ex)}{where}", ex);
        }

        return sections;
    }

    private static ConfigSection ToSection(JsonElement e, string file, int line)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 2
            || e[0].ValueKind != JsonValueKind.String || e[1].ValueKind != JsonValueKind.Object)
        {
            string? type = e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e[0].ValueKind == JsonValueKind.String
                ? ConfigNames.CamelCase(e[0].GetString()!)
                : null;
            throw new ConfigException(file, line, type, null, null,
                "Each entry must be a two-element array [\"<entity type>\", {<attributes>}]");
        }

        var attrs = new List<KeyValuePair<string, object?>>();
        foreach (var p in e[1].EnumerateObject())
        {
            attrs.Add(new(ConfigNames.CamelCase(p.Name), JsonValues.ToObject(p.Value)));
        }

        return new ConfigSection(ConfigNames.CamelCase(e[0].GetString()!), attrs, line);
    }

    /// <summary>Empties every line whose first non-blank character is '#', keeping the line breaks.</summary>
    private static string BlankCommentLines(string text)
    {
        var sb = new StringBuilder(text.Length);
        int start = 0;
        while (start <= text.Length)
        {
            int nl = text.IndexOf('\n', start);
            int end = nl < 0 ? text.Length : nl;
            var line = text.AsSpan(start, end - start);
            if (!line.TrimStart().StartsWith("#"))
            {
                sb.Append(line);
            }

            if (nl < 0)
            {
                break;
            }

            sb.Append('\n');
            start = nl + 1;
        }

        return sb.ToString();
    }

    private static int[] LineStarts(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static int LineOf(int[] lineStarts, long offset)
    {
        int i = Array.BinarySearch(lineStarts, (int)offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }
}
