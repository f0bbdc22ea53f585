using System.Globalization;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management.Schema;

/// <summary>
/// Converts an input value (decoded JSON or AMQP) to the stored type of a schema attribute, following the
/// Python agent's rules: text from anything scalar, integers from numeric text, booleans from
/// yes/no/true/false/on/off, enums by tag or integer index.
/// </summary>
internal static class AttributeCoercion
{
    /// <summary>Returns the stored form of <paramref name="value"/> (never null), or throws <see cref="EntityValidationException"/>.</summary>
    public static object Coerce(AttributeSchema attribute, object value, EntityTypeSchema? owner = null)
    {
        var type = attribute.Type;
        switch (type.Kind)
        {
            case AttributeKind.String:
            case AttributeKind.Path:
            case AttributeKind.EntityId:
                return ToText(value) ?? throw Invalid(attribute, owner, $"Invalid value for attribute '{attribute.Name}': expected a string, got {Describe(value)}");

            case AttributeKind.Integer:
                return ToInteger(value) ?? throw Invalid(attribute, owner, $"Invalid integer value {Describe(value)} for attribute '{attribute.Name}'");

            case AttributeKind.Boolean:
                return ToBoolean(value) ?? throw Invalid(attribute, owner, $"Invalid Boolean value {Describe(value)} for attribute '{attribute.Name}'");

            case AttributeKind.Enum:
                return ToEnum(type, value) ?? throw Invalid(
                    attribute,
                    owner,
                    $"Invalid value {Describe(value)} for attribute '{attribute.Name}': must be one of {string.Join(", ", type.EnumValues.Select(t => "'" + t + "'"))}");

            case AttributeKind.Map:
                return ToMap(value) ?? throw Invalid(attribute, owner, $"Invalid value for attribute '{attribute.Name}': expected a map, got {Describe(value)}");

            case AttributeKind.Properties:
                var props = ToMap(value) ?? throw Invalid(attribute, owner, $"Invalid value for attribute '{attribute.Name}': Properties must be a map");
                foreach (var kv in props)
                {
                    string? key = kv.Key switch
                    {
                        string s => s,
                        AmqpSymbol y => y.Value,
                        _ => null,
                    };
                    if (key is null || !IsAscii(key))
                    {
                        throw Invalid(attribute, owner, $"Invalid value for attribute '{attribute.Name}': Property keys must be ASCII encoded");
                    }
                }

                return props;

            case AttributeKind.List:
                return ToList(value) ?? throw Invalid(attribute, owner, $"Invalid value for attribute '{attribute.Name}': expected a list, got {Describe(value)}");

            default:
                throw new InvalidOperationException("unknown attribute kind " + type.Kind);
        }
    }

    /// <summary>Text form of a scalar as Python's <c>str()</c> renders it; null for compound values.</summary>
    public static string? ToText(object value) => value switch
    {
        string s => s,
        AmqpSymbol y => y.Value,
        bool b => b ? "True" : "False",
        sbyte or byte or short or ushort or int or uint or long or ulong =>
            Convert.ToString(value, CultureInfo.InvariantCulture),
        float f => FormatFloat(f),
        double d => FormatFloat(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        AmqpChar c => c.ToString(),
        Guid g => g.ToString("D"),
        _ => null,
    };

    /// <summary>Integer value as Python's <c>int()</c> would give it; null if not convertible.</summary>
    public static long? ToInteger(object value)
    {
        switch (value)
        {
            case long l:
                return l;
            case int i:
                return i;
            case short s:
                return s;
            case sbyte sb:
                return sb;
            case byte b:
                return b;
            case ushort us:
                return us;
            case uint ui:
                return ui;
            case ulong ul:
                return ul <= long.MaxValue ? (long)ul : null;
            case bool bo:
                return bo ? 1 : 0;
            case double d:
                return double.IsFinite(d) && Math.Abs(d) < 9.2e18 ? (long)Math.Truncate(d) : null;
            case float f:
                return float.IsFinite(f) && Math.Abs(f) < 9.2e18f ? (long)Math.Truncate(f) : null;
            case decimal m:
                return m >= long.MinValue && m <= long.MaxValue ? (long)decimal.Truncate(m) : null;
            case string str:
                return ParseInteger(str);
            case AmqpSymbol y:
                return ParseInteger(y.Value);
            default:
                return null;
        }
    }

    /// <summary>Boolean value: words yes/true/on/no/false/off in any case, or the truthiness of other values.</summary>
    public static bool? ToBoolean(object value)
    {
        string? text = value switch
        {
            string s => s,
            AmqpSymbol y => y.Value,
            _ => null,
        };
        if (text is not null)
        {
            return text.ToLowerInvariant() switch
            {
                "yes" or "true" or "on" => true,
                "no" or "false" or "off" => false,
                _ => null,
            };
        }

        return value switch
        {
            bool b => b,
            double d => d != 0,
            float f => f != 0,
            AmqpMap m => m.Count != 0,
            System.Collections.ICollection c => c.Count != 0,
            _ => ToInteger(value) is long l ? l != 0 : null,
        };
    }

    private static string? ToEnum(AttributeType type, object value)
    {
        string? text = value switch
        {
            string s => s,
            AmqpSymbol y => y.Value,
            _ => null,
        };
        if (text is not null && type.IndexOf(text) >= 0)
        {
            return text;
        }

        // Python indexes the tag list, so negative indices count from the end.
        if (ToInteger(value) is long index)
        {
            int n = type.EnumValues.Count;
            if (index >= -n && index < n)
            {
                return type.EnumValues[(int)((index + n) % n)];
            }
        }

        return null;
    }

    private static AmqpMap? ToMap(object value)
    {
        switch (value)
        {
            case AmqpMap m:
                return m;
            case IEnumerable<KeyValuePair<string, object?>> d:
                var map = new AmqpMap();
                foreach (var kv in d)
                {
                    map.Add(kv.Key, kv.Value);
                }

                return map;
            default:
                return null;
        }
    }

    private static List<object?>? ToList(object value) => value switch
    {
        List<object?> l => l,
        AmqpArray a => [.. a.Items],
        IEnumerable<object?> e when (value is not string) && (value is not AmqpMap) => [.. e],
        _ => null,
    };

    private static long? ParseInteger(string text)
    {
        // Python int(): surrounding whitespace and a sign are allowed, so are '_' between digits.
        string t = text.Trim();
        if (t.Contains('_'))
        {
            if (t.StartsWith('_') || t.EndsWith('_') || t.Contains("__", StringComparison.Ordinal))
            {
                return null;
            }

            t = t.Replace("_", string.Empty, StringComparison.Ordinal);
        }

        return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null;
    }

    /// <summary>Python's <c>str(float)</c>: integral values keep a <c>.0</c>, exponents use <c>e</c>.</summary>
    private static string FormatFloat(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == Math.Floor(d) && Math.Abs(d) < 1e16)
        {
            return d.ToString("F1", CultureInfo.InvariantCulture);
        }

        string r = d.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        if (e < 0)
        {
            return r;
        }

        // "1E+20" -> "1e+20"; "1.5E-07" -> "1.5e-07"
        string mantissa = r[..e];
        string exp = r[(e + 1)..];
        char sign = exp[0] == '-' ? '-' : '+';
        string digits = exp.TrimStart('+', '-').PadLeft(2, '0');
        return mantissa + "e" + sign + digits;
    }

    private static bool IsAscii(string s)
    {
        foreach (char c in s)
        {
            if (c > 127)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Renders an offending value for an error message.</summary>
    internal static string Describe(object? value) => value switch
    {
        null => "None",
        string s => "'" + s + "'",
        AmqpMap => "a map",
        byte[] => "binary data",
        AmqpArray or System.Collections.IList => "a list",
        _ => "'" + (ToText(value) ?? value.ToString()) + "'",
    };

    private static EntityValidationException Invalid(AttributeSchema attribute, EntityTypeSchema? owner, string message) =>
        new(message, attribute.Name, owner, fromTypeValidation: true);
}
