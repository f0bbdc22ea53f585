using System.Globalization;
using System.Text;

namespace Skrouterd.Logging;

/// <summary>
/// Formats log timestamps the way the C router does (<c>qd_log_formatted_time</c>, <c>src/log.c</c>): the format is
/// first expanded like C <c>strftime</c> (C/POSIX locale), and the result is then expanded like <c>printf</c> with the
/// microseconds of the instant as the one argument. That is how the default format
/// <c>%Y-%m-%d %H:%M:%S.%%06lu %z</c> gets its microseconds: strftime turns <c>%%06lu</c> into <c>%06lu</c>, which
/// printf fills in. There is no <c>%N</c>; a custom <c>router.timestampFormat</c> gets microseconds the same way
/// (<c>%%06lu</c>, or any <c>%%</c>-escaped integer conversion).
/// </summary>
/// <remarks>
/// <para>strftime conversions: <c>%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %P %r %R %s %S
/// %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%</c>, with the GNU flags <c>-</c> (no padding), <c>_</c> (space
/// padding), <c>0</c> (zero padding), <c>^</c> (upper case), an optional field width, and the <c>E</c>/<c>O</c>
/// modifiers (ignored, as in the C locale). An unknown conversion is copied through unchanged.</para>
/// <para><c>%Z</c> is the zone abbreviation supplied by the caller (.NET has no tz abbreviations).</para>
/// <para>Like the C router's 100-byte buffers, a strftime result longer than 99 characters gives an empty string and
/// the final text is cut at 99 characters.</para>
/// <para>Not thread-safe (keeps a scratch buffer); the owner serialises calls.</para>
/// </remarks>
internal sealed class LogTimestampFormatter
{
    /// <summary>The C router's default format.</summary>
    public const string DefaultFormat = "%Y-%m-%d %H:%M:%S.%%06lu %z";

    /// <summary>Longest timestamp text (the C buffers are 100 bytes including the terminator).</summary>
    public const int MaxLength = 99;

    private static readonly string[] s_shortDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] s_longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] s_shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] s_longMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private readonly StringBuilder _stage = new(128);

    /// <summary>
    /// Appends the timestamp for <paramref name="time"/> (already in the zone to print: local or UTC) to
    /// <paramref name="destination"/>.
    /// </summary>
    /// <param name="destination">Where the text goes.</param>
    /// <param name="format">strftime format (see the class remarks).</param>
    /// <param name="time">The instant, with the offset of the zone to print.</param>
    /// <param name="zoneAbbreviation">What <c>%Z</c> prints.</param>
    public void Format(StringBuilder destination, string format, DateTimeOffset time, string zoneAbbreviation)
    {
        _stage.Clear();
        AppendStrftime(_stage, format, time, zoneAbbreviation);
        if (_stage.Length > MaxLength)
        {
            return;
        }

        long micros = (time.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerMicrosecond;
        int start = destination.Length;
        AppendPrintf(destination, _stage, micros);
        if (destination.Length - start > MaxLength)
        {
            destination.Length = start + MaxLength;
        }
    }

    /// <summary>Convenience for tests and one-off use: the timestamp as a string.</summary>
    public string Format(string format, DateTimeOffset time, string zoneAbbreviation)
    {
        var sb = new StringBuilder();
        Format(sb, format, time, zoneAbbreviation);
        return sb.ToString();
    }

    private static void AppendStrftime(StringBuilder sb, string format, DateTimeOffset time, string zone)
    {
        DateTime t = time.DateTime;
        int i = 0;
        while (i < format.Length)
        {
            char c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                i++;
                continue;
            }

            int start = i++;
            char flag = '\0';
            while (i < format.Length && format[i] is '-' or '_' or '0' or '^' or '#')
            {
                flag = format[i];
                i++;
            }

            int width = -1;
            while (i < format.Length && char.IsAsciiDigit(format[i]))
            {
                width = (width < 0 ? 0 : width * 10) + (format[i] - '0');
                i++;
            }

            while (i < format.Length && format[i] is 'E' or 'O')
            {
                i++;
            }

            if (i >= format.Length)
            {
                sb.Append(format, start, format.Length - start);
                break;
            }

            char conv = format[i++];
            if (!AppendConversion(sb, conv, flag, width, t, time, zone))
            {
                sb.Append(format, start, i - start);
            }
        }
    }

    private static bool AppendConversion(StringBuilder sb, char conv, char flag, int width, DateTime t, DateTimeOffset time, string zone)
    {
        switch (conv)
        {
            case 'a': AppendText(sb, s_shortDays[(int)t.DayOfWeek], flag, width); break;
            case 'A': AppendText(sb, s_longDays[(int)t.DayOfWeek], flag, width); break;
            case 'b' or 'h': AppendText(sb, s_shortMonths[t.Month - 1], flag, width); break;
            case 'B': AppendText(sb, s_longMonths[t.Month - 1], flag, width); break;
            case 'c': AppendStrftime(sb, "%a %b %e %H:%M:%S %Y", time, zone); break;
            case 'C': AppendNumber(sb, t.Year / 100, 2, '0', flag, width); break;
            case 'd': AppendNumber(sb, t.Day, 2, '0', flag, width); break;
            case 'D': AppendStrftime(sb, "%m/%d/%y", time, zone); break;
            case 'e': AppendNumber(sb, t.Day, 2, ' ', flag, width); break;
            case 'F': AppendStrftime(sb, "%Y-%m-%d", time, zone); break;
            case 'g': AppendNumber(sb, ISOWeek.GetYear(t) % 100, 2, '0', flag, width); break;
            case 'G': AppendNumber(sb, ISOWeek.GetYear(t), 1, '0', flag, width); break;
            case 'H': AppendNumber(sb, t.Hour, 2, '0', flag, width); break;
            case 'I': AppendNumber(sb, Hour12(t), 2, '0', flag, width); break;
            case 'j': AppendNumber(sb, t.DayOfYear, 3, '0', flag, width); break;
            case 'k': AppendNumber(sb, t.Hour, 2, ' ', flag, width); break;
            case 'l': AppendNumber(sb, Hour12(t), 2, ' ', flag, width); break;
            case 'm': AppendNumber(sb, t.Month, 2, '0', flag, width); break;
            case 'M': AppendNumber(sb, t.Minute, 2, '0', flag, width); break;
            case 'n': sb.Append('\n'); break;
            case 'p': AppendText(sb, t.Hour < 12 ? "AM" : "PM", flag, width); break;
            case 'P': AppendText(sb, t.Hour < 12 ? "am" : "pm", flag, width); break;
            case 'r': AppendStrftime(sb, "%I:%M:%S %p", time, zone); break;
            case 'R': AppendStrftime(sb, "%H:%M", time, zone); break;
            case 's': AppendNumber(sb, time.ToUnixTimeSeconds(), 1, '0', flag, width); break;
            case 'S': AppendNumber(sb, t.Second, 2, '0', flag, width); break;
            case 't': sb.Append('\t'); break;
            case 'T' or 'X': AppendStrftime(sb, "%H:%M:%S", time, zone); break;
            case 'u': AppendNumber(sb, t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek, 1, '0', flag, width); break;
            case 'U': AppendNumber(sb, (t.DayOfYear - 1 + 7 - (int)t.DayOfWeek) / 7, 2, '0', flag, width); break;
            case 'V': AppendNumber(sb, ISOWeek.GetWeekOfYear(t), 2, '0', flag, width); break;
            case 'w': AppendNumber(sb, (int)t.DayOfWeek, 1, '0', flag, width); break;
            case 'W': AppendNumber(sb, (t.DayOfYear - 1 + 7 - (((int)t.DayOfWeek + 6) % 7)) / 7, 2, '0', flag, width); break;
            case 'x': AppendStrftime(sb, "%m/%d/%y", time, zone); break;
            case 'y': AppendNumber(sb, t.Year % 100, 2, '0', flag, width); break;
            case 'Y': AppendNumber(sb, t.Year, 1, '0', flag, width); break;
            case 'z': AppendOffset(sb, time.Offset); break;
            case 'Z': AppendText(sb, zone, flag, width); break;
            case '%': sb.Append('%'); break;
            default: return false;
        }

        return true;
    }

    private static int Hour12(DateTime t) => t.Hour % 12 == 0 ? 12 : t.Hour % 12;

    private static void AppendOffset(StringBuilder sb, TimeSpan offset)
    {
        int minutes = (int)offset.TotalMinutes;
        sb.Append(minutes < 0 ? '-' : '+');
        minutes = Math.Abs(minutes);
        AppendPadded(sb, minutes / 60, 2, '0');
        AppendPadded(sb, minutes % 60, 2, '0');
    }

    private static void AppendNumber(StringBuilder sb, long value, int defaultWidth, char defaultPad, char flag, int width)
    {
        int w = width >= 0 ? width : defaultWidth;
        char pad = flag switch
        {
            '-' => '\0',
            '_' => ' ',
            '0' => '0',
            _ => defaultPad,
        };
        if (pad == '\0')
        {
            sb.Append(value);
            return;
        }

        AppendPadded(sb, value, w, pad);
    }

    private static void AppendPadded(StringBuilder sb, long value, int width, char pad)
    {
        Span<char> digits = stackalloc char[24];
        value.TryFormat(digits, out int n, provider: CultureInfo.InvariantCulture);
        for (int k = n; k < width; k++)
        {
            sb.Append(pad);
        }

        sb.Append(digits[..n]);
    }

    private static void AppendText(StringBuilder sb, string text, char flag, int width)
    {
        for (int k = text.Length; k < width; k++)
        {
            sb.Append(flag == '0' ? '0' : ' ');
        }

        if (flag is '^' or '#')
        {
            foreach (char ch in text)
            {
                sb.Append(char.ToUpperInvariant(ch));
            }
        }
        else
        {
            sb.Append(text);
        }
    }

    // printf with one integer argument: %% and integer conversions; anything else is copied through.
    private static void AppendPrintf(StringBuilder sb, StringBuilder format, long value)
    {
        int i = 0;
        int length = format.Length;
        while (i < length)
        {
            char c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                i++;
                continue;
            }

            int start = i++;
            if (i < length && format[i] == '%')
            {
                sb.Append('%');
                i++;
                continue;
            }

            bool left = false, zero = false, plus = false, space = false, alt = false;
            while (i < length && format[i] is '-' or '0' or '+' or ' ' or '#' or '\'')
            {
                switch (format[i])
                {
                    case '-': left = true; break;
                    case '0': zero = true; break;
                    case '+': plus = true; break;
                    case ' ': space = true; break;
                    case '#': alt = true; break;
                }

                i++;
            }

            int width = 0;
            while (i < length && char.IsAsciiDigit(format[i]))
            {
                width = Math.Min(width * 10 + (format[i] - '0'), 64);
                i++;
            }

            int precision = -1;
            if (i < length && format[i] == '.')
            {
                i++;
                precision = 0;
                while (i < length && char.IsAsciiDigit(format[i]))
                {
                    precision = Math.Min(precision * 10 + (format[i] - '0'), 64);
                    i++;
                }
            }

            while (i < length && format[i] is 'h' or 'l' or 'j' or 'z' or 't' or 'L' or 'q')
            {
                i++;
            }

            if (i >= length || format[i] is not ('d' or 'i' or 'u' or 'o' or 'x' or 'X'))
            {
                // Not an integer conversion: copy it through (what glibc does for unknown conversions).
                int end = Math.Min(i + 1, length);
                for (int k = start; k < end; k++)
                {
                    sb.Append(format[k]);
                }

                i = end;
                continue;
            }

            char conv = format[i++];
            AppendInteger(sb, value, conv, left, zero, plus, space, alt, width, precision);
        }
    }

    private static void AppendInteger(StringBuilder sb, long value, char conv, bool left, bool zero, bool plus, bool space, bool alt, int width, int precision)
    {
        Span<char> digits = stackalloc char[32];
        int n;
        if (conv == 'o')
        {
            n = 0;
            ulong v = (ulong)value;
            do
            {
                digits[n++] = (char)('0' + (int)(v & 7));
                v >>= 3;
            }
            while (v != 0);
            digits[..n].Reverse();
        }
        else
        {
            ReadOnlySpan<char> numberFormat = conv switch
            {
                'x' => "x",
                'X' => "X",
                _ => default,
            };
            value.TryFormat(digits, out n, numberFormat, CultureInfo.InvariantCulture);
        }

        int precisionZeros = 0;
        if (precision >= 0)
        {
            precisionZeros = Math.Max(0, precision - n);
            zero = false;
        }

        string prefix = conv switch
        {
            'd' or 'i' when plus => "+",
            'd' or 'i' when space => " ",
            'x' when alt && value != 0 => "0x",
            'X' when alt && value != 0 => "0X",
            'o' when alt && precisionZeros == 0 && digits[0] != '0' => "0",
            _ => string.Empty,
        };
        int padding = Math.Max(0, width - prefix.Length - precisionZeros - n);
        if (!left && !zero)
        {
            sb.Append(' ', padding);
        }

        sb.Append(prefix);
        if (!left && zero)
        {
            sb.Append('0', padding);
        }

        sb.Append('0', precisionZeros);
        sb.Append(digits[..n]);
        if (left)
        {
            sb.Append(' ', padding);
        }
    }
}
