using System.Globalization;
using System.Numerics;
using System.Text;
using Skrouterd.Amqp.Codec;
using Skrouterd.Management;

namespace Skrouterd.Cli.Python;

/// <summary>
/// Python's <c>json.dumps(value, indent=N)</c> with its defaults (ensure_ascii, allow_nan): with an indent, one element
/// per line and <c>","</c> item separators; without one (<c>--indent -1</c>), a single line with <c>", "</c>. Keys keep
/// the order received. Values Python cannot serialize raise the same TypeError.
/// </summary>
internal static class PyJsonWriter
{
    public static string Dumps(object? value, int? indent)
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
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case double d:
                sb.Append(FloatText(d));
                return;
            case float f:
                sb.Append(FloatText(f));
                return;
            case BigInteger big:
                sb.Append(big.ToString(CultureInfo.InvariantCulture));
                return;
            case AmqpMap map:
                WriteObject(sb, map, indent, level);
                return;
            case System.Collections.IList list when value is not byte[]:
                WriteArray(sb, list, indent, level);
                return;
        }

        if (PyNumber.TryText(value, out var text))
        {
            PythonJson.WriteString(sb, text);
            return;
        }

        if (PyNumber.TryInteger(value, out var i))
        {
            sb.Append(i.ToString(CultureInfo.InvariantCulture));
            return;
        }

        throw PyErrors.TypeError($"Object of type {PyText.TypeName(value)} is not JSON serializable");
    }

    private static void WriteArray(StringBuilder sb, System.Collections.IList list, int? indent, int level)
    {
        if (list.Count == 0)
        {
            sb.Append("[]");
            return;
        }

        sb.Append('[');
        bool first = true;
        foreach (var item in list)
        {
            PythonJson.Separator(sb, indent, level + 1, ref first);
            Write(sb, item, indent, level + 1);
        }

        PythonJson.Close(sb, indent, level);
        sb.Append(']');
    }

    private static void WriteObject(StringBuilder sb, AmqpMap map, int? indent, int level)
    {
        var entries = PyDict.Entries(map);
        if (entries.Count == 0)
        {
            sb.Append("{}");
            return;
        }

        sb.Append('{');
        bool first = true;
        foreach (var e in entries)
        {
            PythonJson.Separator(sb, indent, level + 1, ref first);
            PythonJson.WriteString(sb, KeyText(e.Key));
            sb.Append(": ");
            Write(sb, e.Value, indent, level + 1);
        }

        PythonJson.Close(sb, indent, level);
        sb.Append('}');
    }

    /// <summary>Dict keys: str as is; numbers, bools and None converted the way json.dumps converts them.</summary>
    private static string KeyText(object? key)
    {
        switch (key)
        {
            case null:
                return "null";
            case bool b:
                return b ? "true" : "false";
            case double d:
                return FloatText(d);
            case float f:
                return FloatText(f);
        }

        if (PyNumber.TryText(key, out var text))
        {
            return text;
        }

        if (PyNumber.TryInteger(key, out var i))
        {
            return i.ToString(CultureInfo.InvariantCulture);
        }

        throw PyErrors.TypeError($"keys must be str, int, float, bool or None, not {PyText.TypeName(key)}");
    }

    private static string FloatText(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyFloat.Repr(d);
}
