using System.Globalization;
using System.Numerics;
using System.Text;
using Skrouterd.Amqp.Codec;
using Skrouterd.Management;

namespace Skrouterd.Cli.Python;

/// <summary>
/// Python's <c>str()</c>, <c>repr()</c> and type names for the values the management client decodes, as Python with
/// qpid-proton 0.39 would produce them. Proton decodes AMQP integers other than long into int subclasses whose repr
/// (and therefore str) carries the type, e.g. <c>ulong(5)</c>; symbol and char are str subclasses and print plainly.
/// </summary>
internal static class PyText
{
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long or BigInteger => "int",
        int => "int32",
        short => "short",
        sbyte => "byte",
        byte => "ubyte",
        ushort => "ushort",
        uint => "uint",
        ulong => "ulong",
        double => "float",
        float => "float32",
        string => "str",
        AmqpSymbol => "symbol",
        AmqpChar => "char",
        AmqpTimestamp => "timestamp",
        byte[] => "bytes",
        Guid => "UUID",
        AmqpDecimal32 => "decimal32",
        AmqpDecimal64 => "decimal64",
        AmqpDecimal128 => "decimal128",
        AmqpMap => "dict",
        AmqpArray => "Array",
        DescribedValue => "Described",
        System.Collections.IList => "list",
        _ => value.GetType().Name,
    };

    /// <summary>Python <c>str(value)</c>.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        AmqpSymbol y => y.Value,
        AmqpChar c => c.ToString(),
        Guid g => g.ToString("D"),
        _ => Repr(value),
    };

    /// <summary>Python <c>repr(value)</c>.</summary>
    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value);
        return sb.ToString();
    }

    public static void AppendRepr(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("None");
                break;
            case bool b:
                sb.Append(b ? "True" : "False");
                break;
            case long v:
                sb.Append(v.ToString(CultureInfo.InvariantCulture));
                break;
            case BigInteger v:
                sb.Append(v.ToString(CultureInfo.InvariantCulture));
                break;
            case int v:
                Wrapped(sb, "int32", v.ToString(CultureInfo.InvariantCulture));
                break;
            case short v:
                Wrapped(sb, "short", v.ToString(CultureInfo.InvariantCulture));
                break;
            case sbyte v:
                Wrapped(sb, "byte", v.ToString(CultureInfo.InvariantCulture));
                break;
            case byte v:
                Wrapped(sb, "ubyte", v.ToString(CultureInfo.InvariantCulture));
                break;
            case ushort v:
                Wrapped(sb, "ushort", v.ToString(CultureInfo.InvariantCulture));
                break;
            case uint v:
                Wrapped(sb, "uint", v.ToString(CultureInfo.InvariantCulture));
                break;
            case ulong v:
                Wrapped(sb, "ulong", v.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(PyFloat.Repr(d));
                break;
            case float f:
                Wrapped(sb, "float32", PyFloat.Repr(f));
                break;
            case string s:
                PythonRepr.AppendStringRepr(sb, s);
                break;
            case AmqpSymbol y:
                sb.Append("symbol(");
                PythonRepr.AppendStringRepr(sb, y.Value);
                sb.Append(')');
                break;
            case AmqpChar c:
                sb.Append("char(");
                PythonRepr.AppendStringRepr(sb, c.ToString());
                sb.Append(')');
                break;
            case AmqpTimestamp t:
                Wrapped(sb, "timestamp", t.Milliseconds.ToString(CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                PythonRepr.AppendBytesRepr(sb, bytes);
                break;
            case Guid g:
                sb.Append("UUID('").Append(g.ToString("D")).Append("')");
                break;
            case AmqpDecimal32 d:
                Wrapped(sb, "decimal32", d.Bits.ToString(CultureInfo.InvariantCulture));
                break;
            case AmqpDecimal64 d:
                Wrapped(sb, "decimal64", d.Bits.ToString(CultureInfo.InvariantCulture));
                break;
            case AmqpDecimal128 d:
                {
                    var raw = new byte[16];
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(raw, d.High);
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(raw.AsSpan(8), d.Low);
                    sb.Append("decimal128(");
                    PythonRepr.AppendBytesRepr(sb, raw);
                    sb.Append(')');
                    break;
                }

            case AmqpMap map:
                sb.Append('{');
                bool first = true;
                foreach (var kv in PyDict.Entries(map))
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    AppendRepr(sb, kv.Key);
                    sb.Append(": ");
                    AppendRepr(sb, kv.Value);
                }

                sb.Append('}');
                break;
            case AmqpArray array:
                sb.Append("Array(UNDESCRIBED, ").Append(array.ElementCode.ToString(CultureInfo.InvariantCulture)).Append(", *");
                AppendListRepr(sb, array.Items);
                sb.Append(')');
                break;
            case DescribedValue d:
                sb.Append("Described(");
                AppendRepr(sb, d.Descriptor);
                sb.Append(", ");
                AppendRepr(sb, d.Value);
                sb.Append(')');
                break;
            case System.Collections.IList list:
                AppendListRepr(sb, list);
                break;
            default:
                sb.Append(value);
                break;
        }
    }

    private static void AppendListRepr(StringBuilder sb, System.Collections.IEnumerable list)
    {
        sb.Append('[');
        bool first = true;
        foreach (var item in list)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            AppendRepr(sb, item);
        }

        sb.Append(']');
    }

    private static void Wrapped(StringBuilder sb, string type, string inner) => sb.Append(type).Append('(').Append(inner).Append(')');

    /// <summary>Python <c>len()</c> of a str: code points, not UTF-16 units.</summary>
    public static int Len(string s)
    {
        int n = 0;
        foreach (char c in s)
        {
            if (!char.IsLowSurrogate(c))
            {
                n++;
            }
        }

        return n;
    }
}
