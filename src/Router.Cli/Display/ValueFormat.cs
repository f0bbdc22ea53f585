using System.Globalization;
using System.Text;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Display;

/// <summary>
/// The skstat value formatters (R:python/skupper_router_internal/tools/display.py): TimeLong <c>DDD:HH:MM:SS</c>,
/// TimeShort <c>HH:MM:SS</c> of a nanosecond count, NumKMG with 1000 or 1024 suffixes, Commas, PlainNum.
/// Arithmetic follows Python (floor division, %d truncation) and raises the same TypeError on non-numbers.
/// </summary>
internal static class ValueFormat
{
    /// <summary><c>"%d" % value</c>, or <c>"%s" % value</c> when that fails.</summary>
    public static string PlainNum(object? value) =>
        PyNumber.TryFormatD(value, out var text) ? text : PyText.Str(value);

    public static string TimeLong(object? value)
    {
        if (PyNumber.TryInteger(value, out var seconds))
        {
            Int128 day = FloorDiv(seconds, 24 * 3600);
            Int128 time = FloorMod(seconds, 24 * 3600);
            Int128 hour = FloorDiv(time, 3600);
            time = FloorMod(time, 3600);
            Int128 minutes = FloorDiv(time, 60);
            Int128 secs = FloorMod(time, 60);
            return $"{Pad(day, 3)}:{Pad(hour, 2)}:{Pad(minutes, 2)}:{Pad(secs, 2)}";
        }

        if (PyNumber.TryReal(value, out var f))
        {
            double day = Math.Floor(f / 86400);
            double time = FloatMod(f, 86400);
            double hour = Math.Floor(time / 3600);
            time = FloatMod(time, 3600);
            double minutes = Math.Floor(time / 60);
            double secs = FloatMod(time, 60);
            return $"{PadF(day, 3)}:{PadF(hour, 2)}:{PadF(minutes, 2)}:{PadF(secs, 2)}";
        }

        throw PyErrors.UnsupportedOperands("//", value, 1L);
    }

    /// <summary><c>strftime("%X", gmtime(value / 1e9))</c>: the time of day of a nanosecond count.</summary>
    public static string TimeShort(object? value)
    {
        if (!PyNumber.TryNumber(value, out var ns))
        {
            throw PyErrors.UnsupportedOperands("/", value, 1L);
        }

        double seconds = Math.Floor(ns / 1_000_000_000d);
        long s = (long)FloatMod(seconds, 86400);
        return string.Create(CultureInfo.InvariantCulture, $"{s / 3600:00}:{s / 60 % 60:00}:{s % 60:00}");
    }

    public static string NumKmg(object? value, int numberBase)
    {
        string[] suffixes = numberBase == 1024 ? ["KiB", "MiB", "GiB", "TiB", "PiB"] : ["k", "m", "g", "t", "p"];
        if (PyNumber.Compare(value, (long)numberBase) < 0)
        {
            return PyNumber.FormatD(value);
        }

        PyNumber.TryNumber(value, out var v);
        foreach (var suffix in suffixes)
        {
            v /= numberBase;
            if (v < numberBase)
            {
                return NumCell(v, suffix);
            }
        }

        return NumCell(v, suffixes[^1]);
    }

    private static string NumCell(double v, string suffix)
    {
        if (v < 10.0)
        {
            return PyFloat.Fixed(v, 2) + " " + suffix;
        }

        if (v < 100.0)
        {
            return PyFloat.Fixed(v, 1) + " " + suffix;
        }

        return PyFloat.Fixed(v, 0) + " " + suffix;
    }

    /// <summary>Thousands separators inserted every three characters of <c>str(value)</c>, from the right.</summary>
    public static string Commas(object? value)
    {
        string sval = PyText.Str(value);
        var result = new StringBuilder();
        while (sval.Length > 0)
        {
            string left = sval.Length > 3 ? sval[..^3] : "";
            string right = sval.Length > 3 ? sval[^3..] : sval;
            result.Insert(0, right);
            if (left.Length > 0)
            {
                result.Insert(0, ',');
            }

            sval = left;
        }

        return result.ToString();
    }

    /// <summary>Header.DURATION: <c>[Nd ][Nh ][Nm ]Ns</c> of a nanosecond count (float arithmetic as in Python).</summary>
    public static string Duration(object? value)
    {
        if (!PyNumber.TryNumber(value, out var ns))
        {
            throw PyErrors.TypeError($"'>' not supported between instances of 'int' and '{PyText.TypeName(value)}'");
        }

        ns = Math.Max(ns, 0);
        double sec = ns / 1_000_000_000d;
        double min = sec / 60;
        double hour = min / 60;
        double day = hour / 24;
        var result = new StringBuilder();
        if (day > 0)
        {
            result.Append(Trunc(day)).Append("d ");
        }

        if (hour > 0 || result.Length > 0)
        {
            result.Append(Trunc(FloatMod(hour, 24))).Append("h ");
        }

        if (min > 0 || result.Length > 0)
        {
            result.Append(Trunc(FloatMod(min, 60))).Append("m ");
        }

        result.Append(Trunc(FloatMod(sec, 60))).Append('s');
        return result.ToString();
    }

    private static string Trunc(double v) => ((long)Math.Truncate(v)).ToString(CultureInfo.InvariantCulture);

    private static Int128 FloorDiv(Int128 a, Int128 b)
    {
        Int128 q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0)))
        {
            q--;
        }

        return q;
    }

    private static Int128 FloorMod(Int128 a, Int128 b) => a - (FloorDiv(a, b) * b);

    private static double FloatMod(double a, double b)
    {
        double m = a % b;
        if (m != 0 && (m < 0) != (b < 0))
        {
            m += b;
        }

        return m;
    }

    /// <summary><c>"%0Nd"</c>: zero padding after the sign.</summary>
    private static string Pad(Int128 v, int width)
    {
        string digits = Int128.Abs(v).ToString(CultureInfo.InvariantCulture);
        return v < 0 ? "-" + digits.PadLeft(width - 1, '0') : digits.PadLeft(width, '0');
    }

    private static string PadF(double v, int width)
    {
        if (!double.IsFinite(v))
        {
            throw double.IsNaN(v)
                ? PyErrors.ValueError("cannot convert float NaN to integer")
                : new PyException("OverflowError", "cannot convert float infinity to integer");
        }

        return Pad((Int128)Math.Truncate(v), width);
    }
}
