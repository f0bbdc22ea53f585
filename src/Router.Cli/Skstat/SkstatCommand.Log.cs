using System.Globalization;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    /// <summary>--log: recent log entries (GET-LOG) as <c>&lt;ctime&gt; &lt;MODULE&gt; (&lt;level&gt;) &lt;text&gt;</c>.</summary>
    private async Task DisplayLogAsync()
    {
        object? log = await _node.GetLogAsync(_opts.Limit).ConfigureAwait(false);
        foreach (var line in Iterate(log))
        {
            object? Item(int i)
            {
                if (line is System.Collections.IList l)
                {
                    return i < l.Count ? l[i] : throw PyErrors.IndexError("list index out of range");
                }

                throw PyErrors.TypeError($"'{PyText.TypeName(line)}' object is not subscriptable");
            }

            Print($"{CTime(Item(5), _time)} {PyText.Str(Item(0))} ({PyText.Str(Item(1))}) {PyText.Str(Item(2))}");
        }
    }

    /// <summary>Python <c>time.ctime(seconds)</c>: local time as "Www Mmm dd hh:mm:ss yyyy" with the day space-padded.</summary>
    internal static string CTime(object? seconds, TimeProvider time)
    {
        DateTimeOffset instant;
        if (seconds is null)
        {
            instant = time.GetUtcNow();
        }
        else if (PyNumber.TryNumber(seconds, out var s) && double.IsFinite(s))
        {
            instant = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(s));
        }
        else
        {
            throw PyErrors.TypeError($"'{PyText.TypeName(seconds)}' object cannot be interpreted as an integer");
        }

        var local = TimeZoneInfo.ConvertTime(instant, time.LocalTimeZone);
        return local.ToString("ddd MMM ", CultureInfo.InvariantCulture)
            + local.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
            + local.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);
    }
}
