using System.Globalization;
using System.Text;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management;

/// <summary>
/// Python's <c>json.dumps(value, indent=…)</c> (ensure_ascii, insertion order): compact <c>", "</c>/<c>": "</c>
/// separators without an indent; with one, each element on its own line and <c>","</c> line ends.
/// </summary>
internal static class PythonJson
{
    public static string Dumps(object? value, int? indent = null)
    {
        var sb = new StringBuilder();
        Write(sb, value, indent, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, int? indent, int level)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case AmqpSymbol y:
                WriteString(sb, y.Value);
                break;
            case AmqpMap map:
                if (map.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append('{');
                bool first = true;
                foreach (var e in map)
                {
                    Separator(sb, indent, level + 1, ref first);
                    WriteString(sb, PythonRepr.Str(e.Key));
                    sb.Append(": ");
                    Write(sb, e.Value, indent, level + 1);
                }

                Close(sb, indent, level);
                sb.Append('}');
                break;
            case System.Collections.IList list when value is not byte[]:
                if (list.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                bool firstItem = true;
                foreach (var item in list)
                {
                    Separator(sb, indent, level + 1, ref firstItem);
                    Write(sb, item, indent, level + 1);
                }

                Close(sb, indent, level);
                sb.Append(']');
                break;
            case IFormattable f:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                WriteString(sb, value.ToString() ?? "");
                break;
        }
    }

    /// <summary>Before an element: the separator and, with an indent, a new line at the element's level.</summary>
    public static void Separator(StringBuilder sb, int? indent, int level, ref bool first)
    {
        if (indent is int n)
        {
            sb.Append(first ? "" : ",").Append('\n').Append(' ', Math.Max(0, n) * level);
        }
        else if (!first)
        {
            sb.Append(", ");
        }

        first = false;
    }

    /// <summary>Before a closing bracket: with an indent, a new line at the container's level.</summary>
    public static void Close(StringBuilder sb, int? indent, int level)
    {
        if (indent is int n)
        {
            sb.Append('\n').Append(' ', Math.Max(0, n) * level);
        }
    }

    /// <summary>A JSON string with ensure_ascii: everything outside printable ASCII as \uXXXX (lower-case hex).</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
