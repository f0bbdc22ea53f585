using System.Globalization;
using System.Numerics;
using Skrouterd.Cli.Display;
using Skrouterd.Cli.Python;
using Skrouterd.Management;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    private static readonly string[] _allocatorColumns =
    [
        "identity", "typeSize", "transferBatchSize", "localFreeListMax", "totalAllocFromHeap", "totalFreeToHeap",
        "heldByThreads", "batchesRebalancedToThreads", "batchesRebalancedToGlobal",
    ];

    /// <summary>-m: allocator pools (types never allocated skipped) and a memory summary; a router without pool statistics shows "No memory statistics available".</summary>
    private async Task DisplayMemoryAsync(bool showDateId)
    {
        Column[] heads =
        [
            new("type"), new("size", ColumnFormat.Commas), new("batch"), new("thread-max", ColumnFormat.Commas),
            new("total", ColumnFormat.Commas), new("in-threads", ColumnFormat.Commas), new("rebal-in", ColumnFormat.Commas),
            new("rebal-out", ColumnFormat.Commas),
        ];
        var objects = await QueryAsync("allocator", _allocatorColumns).ConfigureAwait(false);
        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        BigInteger pooledTotal = 0;
        bool statsEnabled = true;
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var t in objects)
        {
            if (t["totalAllocFromHeap"] is null)
            {
                statsEnabled = false;
                break;
            }

            BigInteger heapCount = PyInt(t["totalAllocFromHeap"]);
            if (heapCount == 0)
            {
                continue;
            }

            heapCount -= PyInt(t["totalFreeToHeap"]);
            rows.Add(
            [
                IdentityClean(t["identity"]), ValueFormat.PlainNum(t["typeSize"]), ValueFormat.PlainNum(t["transferBatchSize"]),
                ValueFormat.PlainNum(t["localFreeListMax"]), heapCount.ToString(CultureInfo.InvariantCulture),
                ValueFormat.PlainNum(t["heldByThreads"]), ValueFormat.PlainNum(t["batchesRebalancedToThreads"]),
                ValueFormat.PlainNum(t["batchesRebalancedToGlobal"]),
            ]);
            pooledTotal += PyInt(t["typeSize"]) * heapCount;
        }

        if (rows.Count == 0 || !statsEnabled)
        {
            Print("No memory statistics available");
            return;
        }

        var display = NewDisplay();
        display.FormattedTable("Memory Pools", heads, RowSorter.Sort(heads, rows, "type"));

        var router = First(await QueryAsync("router").ConfigureAwait(false));
        object? vmSize = router.GetOrNone("memoryUsage");
        object? rssSize = router.GetOrNone("residentMemoryUsage");
        var summaryHeads = new List<Column>();
        var values = new List<object?>();
        if (vmSize is not null)
        {
            summaryHeads.Add(new("VmSize", ColumnFormat.KiMiGi));
            values.Add(vmSize);
        }

        if (rssSize is not null)
        {
            summaryHeads.Add(new("RSS", ColumnFormat.KiMiGi));
            values.Add(rssSize);
        }

        summaryHeads.Add(new("Pooled", ColumnFormat.KiMiGi));
        values.Add(PyNumber.Box((Int128)pooledTotal));
        display.FormattedTable("\nMemory Summary", summaryHeads, [values]);
    }

    /// <summary>The part of an identity after its first '/', or "-" when empty.</summary>
    private static object? IdentityClean(object? identity)
    {
        if (!PyNumber.Truthy(identity))
        {
            return "-";
        }

        string text = PyText.Str(identity);
        int pos = text.IndexOf('/');
        return pos >= 0 ? text[(pos + 1)..] : identity;
    }

    /// <summary>Python <c>int(value)</c>.</summary>
    private static BigInteger PyInt(object? value)
    {
        if (PyNumber.TryInteger(value, out var i))
        {
            return (BigInteger)i;
        }

        if (PyNumber.TryReal(value, out var d) && double.IsFinite(d))
        {
            return new BigInteger(Math.Truncate(d));
        }

        if (PyNumber.TryText(value, out var text))
        {
            return CommandLine.ArgumentParser.PythonInt(text) is long l
                ? l
                : throw PyErrors.ValueError("invalid literal for int() with base 10: " + PythonRepr.StringRepr(text));
        }

        throw PyErrors.TypeError($"int() argument must be a string, a bytes-like object or a real number, not '{PyText.TypeName(value)}'");
    }
}
