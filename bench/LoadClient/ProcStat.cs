using System.Globalization;

namespace Skrouterd.LoadClient;

/// <summary>CPU time and peak RSS of a process, from Linux /proc (proc(5)).</summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: the unit of utime and stime in /proc/&lt;pid&gt;/stat (100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of <paramref name="pid"/> in seconds, or null if the process is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>VmHWM (peak resident set) of <paramref name="pid"/> ("self" for this process) in KiB; 0 if unknown.</summary>
    public static long PeakRssKiB(string pid = "self")
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
