using System.Text.RegularExpressions;
using Skrouterd.Logging;
using Xunit;

namespace Skrouterd.Tests.Logging;

public sealed partial class LogStateConcurrencyTests
{
    [Fact]
    public void ManyThreads_EveryLineIntact_CountsExact()
    {
        const int threads = 8;
        const int perThread = 2000;
        using var log = new LogCapture();
        string padding = new('x', 300);
        using var start = new Barrier(threads + 1);

        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (int i = 0; i < perThread; i++)
                {
                    log.State.Log(LogModule.RouterCore, LogSeverity.Info, $"t{id} i{i} {padding}");
                    if (i % 500 == 0)
                    {
                        // Reconfigure concurrently with writers: must not tear or lose lines.
                        log.State.Update(new LogEntityConfig(LogModules.Server) { Enable = i % 1000 == 0 ? "debug+" : "info+" });
                    }
                }
            });
            workers[t].Start();
        }

        start.SignalAndWait();
        foreach (Thread worker in workers)
        {
            Assert.True(worker.Join(TimeSpan.FromSeconds(60)));
        }

        string[] lines = log.ErrorLines;
        Assert.Equal(threads * perThread, lines.Length);
        var next = new int[threads];
        Regex pattern = LinePattern();
        foreach (string line in lines)
        {
            Match m = pattern.Match(line);
            Assert.True(m.Success, line);
            Assert.Equal(padding, m.Groups[3].Value);
            int thread = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            int index = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(next[thread]++, index); // each thread's lines appear in its own order
        }

        Assert.Equal(threads * perThread, log.State.GetStats(LogModule.RouterCore).InfoCount);
        Assert.Equal(LogState.HistoryCapacity, log.State.GetRecent().Count);
    }

    [GeneratedRegex(@"^2025-03-04 10:20:30\.123456 \+0000 ROUTER_CORE \(info\) t(\d+) i(\d+) (x+)$")]
    private static partial Regex LinePattern();
}
