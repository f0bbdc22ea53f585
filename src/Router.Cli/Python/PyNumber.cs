using System.Globalization;
using System.Numerics;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Cli.Python;

/// <summary>
/// Python number semantics for decoded values: every AMQP integer kind (and bool, timestamp, decimal32/64, which
/// proton maps to int subclasses) is a Python int; float and double are Python floats.
/// </summary>
internal static class PyNumber
{
    public static bool TryText(object? value, out string text)
    {
        switch (value)
        {
            case string s:
                text = s;
                return true;
            case AmqpSymbol y:
                text = y.Value;
                return true;
            case AmqpChar c:
                text = c.ToString();
                return true;
            default:
                text = "";
                return false;
        }
    }

    public static bool TryInteger(object? value, out Int128 result, bool allowBool = true)
    {
        switch (value)
        {
            case bool b when allowBool:
                result = b ? 1 : 0;
                return true;
            case long v:
                result = v;
                return true;
            case int v:
                result = v;
                return true;
            case short v:
                result = v;
                return true;
            case sbyte v:
                result = v;
                return true;
            case byte v:
                result = v;
                return true;
            case ushort v:
                result = v;
                return true;
            case uint v:
                result = v;
                return true;
            case ulong v:
                result = v;
                return true;
            case AmqpTimestamp t:
                result = t.Milliseconds;
                return true;
            case AmqpDecimal32 d:
                result = d.Bits;
                return true;
            case AmqpDecimal64 d:
                result = d.Bits;
                return true;
            case BigInteger v when v >= (BigInteger)Int128.MinValue && v <= (BigInteger)Int128.MaxValue:
                result = (Int128)v;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    public static bool TryReal(object? value, out double result)
    {
        switch (value)
        {
            case double d:
                result = d;
                return true;
            case float f:
                result = f;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>A Python int result boxed the way the decoder would box a plain int (long when it fits).</summary>
    public static object Box(Int128 value) =>
        value >= long.MinValue && value <= long.MaxValue ? (long)value : (BigInteger)value;

    /// <summary><c>"%d" % value</c>; false when Python would raise (the callers fall back to <c>"%s"</c>).</summary>
    public static bool TryFormatD(object? value, out string text)
    {
        if (TryInteger(value, out var i))
        {
            text = i.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (TryReal(value, out var d) && double.IsFinite(d))
        {
            text = new BigInteger(Math.Truncate(d)).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        text = "";
        return false;
    }

    /// <summary><c>"%d" % value</c>, raising TypeError like Python when the value is not a number.</summary>
    public static string FormatD(object? value)
    {
        if (TryFormatD(value, out var text))
        {
            return text;
        }

        if (TryReal(value, out var d))
        {
            throw double.IsNaN(d)
                ? PyErrors.ValueError("cannot convert float NaN to integer")
                : new PyException("OverflowError", "cannot convert float infinity to integer");
        }

        throw PyErrors.TypeError($"%d format: a real number is required, not {PyText.TypeName(value)}");
    }

    public static object Add(object? a, object? b)
    {
        if (TryInteger(a, out var x) && TryInteger(b, out var y))
        {
            return Box(x + y);
        }

        if (TryNumber(a, out var fa) && TryNumber(b, out var fb))
        {
            return fa + fb;
        }

        if (TryText(a, out var sa) && TryText(b, out var sb))
        {
            return sa + sb;
        }

        throw PyErrors.UnsupportedOperands("+", a, b);
    }

    public static object Multiply(object? a, long b)
    {
        if (TryInteger(a, out var x))
        {
            return Box(x * b);
        }

        if (TryReal(a, out var f))
        {
            return f * b;
        }

        throw PyErrors.UnsupportedOperands("*", a, b);
    }

    /// <summary>Any Python number as a double (ints converted), for float arithmetic.</summary>
    public static bool TryNumber(object? value, out double result)
    {
        if (TryReal(value, out result))
        {
            return true;
        }

        if (TryInteger(value, out var i))
        {
            result = (double)i;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Python's ordering of two values (numbers among themselves, str among themselves by code point, lists
    /// element-wise); raises TypeError for other mixtures, as <c>&lt;</c> does.
    /// </summary>
    public static int Compare(object? a, object? b, string op = "<")
    {
        if (TryInteger(a, out var x) && TryInteger(b, out var y))
        {
            return x.CompareTo(y);
        }

        if (TryNumber(a, out var fa) && TryNumber(b, out var fb))
        {
            return fa < fb ? -1 : fa > fb ? 1 : 0;
        }

        if (TryText(a, out var sa) && TryText(b, out var sb))
        {
            return CompareCodePoints(sa, sb);
        }

        if (a is System.Collections.IList la && b is System.Collections.IList lb && a is not byte[] && b is not byte[])
        {
            int n = Math.Min(la.Count, lb.Count);
            for (int i = 0; i < n; i++)
            {
                if (!PyDict.KeyEquals(la[i], lb[i]))
                {
                    return Compare(la[i], lb[i], op);
                }
            }

            return la.Count.CompareTo(lb.Count);
        }

        throw PyErrors.NotComparable(op, a, b);
    }

    public static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            bool ha = ea.MoveNext();
            bool hb = eb.MoveNext();
            if (!ha || !hb)
            {
                return ha ? 1 : hb ? -1 : 0;
            }

            int c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    /// <summary>Python truthiness.</summary>
    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        AmqpSymbol y => y.Value.Length > 0,
        AmqpMap m => m.Count > 0,
        byte[] bytes => bytes.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ when TryInteger(value, out var i) => i != 0,
        _ when TryReal(value, out var d) => d != 0,
        _ => true,
    };
}
