using System.Globalization;
using System.Text;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management;

/// <summary>
/// Renders values as Python's <c>repr()</c> and <c>str()</c> would, for the Python agent's error texts that embed
/// attribute maps and lists (e.g. <c>Operation 'X' not implemented for 'T' ['CREATE', 'DELETE', 'READ']</c>).
/// </summary>
internal static class PythonRepr
{
    /// <summary>Python <c>repr()</c>: strings quoted, <c>True</c>/<c>False</c>/<c>None</c>, lists and dicts bracketed.</summary>
    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value);
        return sb.ToString();
    }

    /// <summary>Python <c>str()</c>: like <see cref="Repr"/> except that a top-level string is not quoted.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        AmqpSymbol y => y.Value,
        _ => Repr(value),
    };

    /// <summary>A Python list of strings, e.g. <c>['CREATE', 'DELETE', 'READ']</c>.</summary>
    public static string List(IEnumerable<string> items) => Repr(items.Cast<object?>().ToList());

    private static void AppendRepr(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("None");
                break;
            case bool b:
                sb.Append(b ? "True" : "False");
                break;
            case string s:
                AppendString(sb, s);
                break;
            case AmqpSymbol y:
                AppendString(sb, y.Value);
                break;
            case AmqpMap map:
                sb.Append('{');
                bool first = true;
                foreach (var e in map)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    AppendRepr(sb, e.Key);
                    sb.Append(": ");
                    AppendRepr(sb, e.Value);
                }

                sb.Append('}');
                break;
            case byte[] bytes:
                sb.Append("b'").Append(Encoding.Latin1.GetString(bytes)).Append('\'');
                break;
            case System.Collections.IEnumerable list:
                sb.Append('[');
                bool firstItem = true;
                foreach (var item in list)
                {
                    if (!firstItem)
                    {
                        sb.Append(", ");
                    }

                    firstItem = false;
                    AppendRepr(sb, item);
                }

                sb.Append(']');
                break;
            case IFormattable f:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value);
                break;
        }
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        foreach (char c in s)
        {
            switch (c)
            {
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
                default:
                    if (c == quote)
                    {
                        sb.Append('\\');
                    }

                    sb.Append(c);
                    break;
            }
        }

        sb.Append(quote);
    }
}
