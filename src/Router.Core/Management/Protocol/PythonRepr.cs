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
                AppendStringRepr(sb, s);
                break;
            case AmqpSymbol y:
                AppendStringRepr(sb, y.Value);
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
                AppendBytesRepr(sb, bytes);
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

    /// <summary>repr of a str: single quotes unless the text has a single quote and no double quote.</summary>
    public static string StringRepr(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendStringRepr(sb, s);
        return sb.ToString();
    }

    public static void AppendStringRepr(StringBuilder sb, string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            int c = rune.Value;
            if (c == quote || c == '\\')
            {
                sb.Append('\\').Append((char)c);
            }
            else if (c == '\t')
            {
                sb.Append("\\t");
            }
            else if (c == '\n')
            {
                sb.Append("\\n");
            }
            else if (c == '\r')
            {
                sb.Append("\\r");
            }
            else if (c < ' ' || c == 0x7f)
            {
                sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c < 0x7f || IsPrintable(rune))
            {
                sb.Append(rune.ToString());
            }
            else if (c <= 0xff)
            {
                sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c <= 0xffff)
            {
                sb.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append("\\U").Append(c.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        sb.Append(quote);
    }

    public static void AppendBytesRepr(StringBuilder sb, byte[] bytes)
    {
        bool hasSingle = Array.IndexOf(bytes, (byte)'\'') >= 0;
        bool hasDouble = Array.IndexOf(bytes, (byte)'"') >= 0;
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        sb.Append('b').Append(quote);
        foreach (byte b in bytes)
        {
            if (b == quote || b == '\\')
            {
                sb.Append('\\').Append((char)b);
            }
            else if (b == '\t')
            {
                sb.Append("\\t");
            }
            else if (b == '\n')
            {
                sb.Append("\\n");
            }
            else if (b == '\r')
            {
                sb.Append("\\r");
            }
            else if (b < ' ' || b >= 0x7f)
            {
                sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        sb.Append(quote);
    }

    /// <summary>Python's str.isprintable for one code point: not a control, format, surrogate, private-use,
    /// unassigned or separator character, except the ASCII space.</summary>
    public static bool IsPrintable(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
