using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Skrouterd.Benchmarks;

/// <summary>
/// Reads an EventPipe trace (.nettrace) with GC AllocationTick events (one per ~100 KB allocated, with the type and
/// call stack of the allocation that crossed the threshold) and prints the sampled bytes per type and call site.
/// </summary>
internal static class AllocationReport
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: --alloc-report <trace.nettrace> [frames=8]");
            return 2;
        }

        int depth = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8;
        string etlx = TraceLog.CreateFromEventPipeDataFile(args[0]);
        using var log = new TraceLog(etlx);
        var sites = new Dictionary<string, (long Bytes, int Samples)>();
        long total = 0;
        foreach (var e in log.Events)
        {
            if (e is not GCAllocationTickTraceData tick)
            {
                continue;
            }

            var frames = new List<string>();
            for (var frame = e.CallStack(); frame is not null && frames.Count < depth; frame = frame.Caller)
            {
                string name = frame.CodeAddress.FullMethodName;
                if (string.IsNullOrEmpty(name))
                {
                    name = $"{frame.CodeAddress.ModuleName}!0x{frame.CodeAddress.Address:x}";
                }

                frames.Add(name);
            }

            string key = $"{tick.TypeName}\n      " + string.Join("\n      ", frames);
            long bytes = tick.AllocationAmount64;
            total += bytes;
            sites[key] = sites.TryGetValue(key, out var s) ? (s.Bytes + bytes, s.Samples + 1) : (bytes, 1);
        }

        Console.WriteLine($"sampled {total:N0} bytes in {sites.Values.Sum(s => s.Samples)} allocation ticks");
        foreach (var (key, s) in sites.OrderByDescending(p => p.Value.Bytes))
        {
            Console.WriteLine($"{s.Bytes * 100.0 / Math.Max(1, total),5:F1}%  {s.Samples,5} ticks  {key}");
        }

        return 0;
    }
}
