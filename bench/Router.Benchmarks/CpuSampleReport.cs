using Microsoft.Diagnostics.Tracing.Etlx;

namespace Skrouterd.Benchmarks;

/// <summary>
/// Reads an EventPipe trace with the sample profiler (Microsoft-DotNETCore-SampleProfiler, a stack of every managed
/// thread each millisecond) and prints where threads running managed code spent their samples: exclusive (top
/// frame), exclusive with the nearest router frame below (who ends up spinning on a lock or waiting for a GC), and
/// inclusive (anywhere on the stack), by method. Threads blocked in native code are left out; spinning, lock
/// acquisition and GC suspension polls are managed code and are counted.
/// </summary>
internal static class CpuSampleReport
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: --cpu-report <trace.nettrace> [top=40]");
            return 2;
        }

        int top = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40;
        string etlx = TraceLog.CreateFromEventPipeDataFile(args[0]);
        using var log = new TraceLog(etlx);
        var exclusive = new Dictionary<string, int>();
        var byCaller = new Dictionary<string, int>();
        var inclusive = new Dictionary<string, int>();
        var seen = new HashSet<string>();
        int samples = 0;
        foreach (var e in log.Events)
        {
            if (e.ProviderName != "Microsoft-DotNETCore-SampleProfiler" || !IsRunningManagedCode(e))
            {
                continue;
            }

            var stack = e.CallStack();
            if (stack is null)
            {
                continue;
            }

            samples++;
            seen.Clear();
            bool first = true;
            string? top1 = null;
            string? ours = null;
            for (var frame = stack; frame is not null; frame = frame.Caller)
            {
                string name = frame.CodeAddress.FullMethodName;
                if (string.IsNullOrEmpty(name))
                {
                    name = $"{frame.CodeAddress.ModuleName}!?";
                }

                if (first)
                {
                    exclusive[name] = exclusive.GetValueOrDefault(name) + 1;
                    top1 = name;
                    first = false;
                }
                else if (ours is null && name.StartsWith("Skrouterd.", StringComparison.Ordinal))
                {
                    ours = name;
                }

                if (seen.Add(name))
                {
                    inclusive[name] = inclusive.GetValueOrDefault(name) + 1;
                }
            }

            string site = $"{top1}\n         <- {ours ?? "(no router frame)"}";
            byCaller[site] = byCaller.GetValueOrDefault(site) + 1;
        }

        Console.WriteLine($"{samples} samples of threads running managed code");
        Print("exclusive", exclusive, samples, top);
        Print("exclusive, with the nearest router (or bench) frame below", byCaller, samples, top);
        Print("inclusive", inclusive, samples, top);
        return 0;
    }

    /// <summary>The sample's Type payload: 2 = managed code running; 1 = external (native code, blocked or waiting).</summary>
    private static bool IsRunningManagedCode(Microsoft.Diagnostics.Tracing.TraceEvent e) =>
        e.PayloadNames.Length > 0 && Convert.ToInt32(e.PayloadValue(0), System.Globalization.CultureInfo.InvariantCulture) == 2;

    private static void Print(string title, Dictionary<string, int> counts, int samples, int top)
    {
        Console.WriteLine($"--- {title}");
        foreach (var (name, n) in counts.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"{n * 100.0 / Math.Max(1, samples),5:F1}%  {name}");
        }
    }
}
