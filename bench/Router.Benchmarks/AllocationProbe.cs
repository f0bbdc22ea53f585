using System.Diagnostics;
using Skrouterd.Bench;

namespace Skrouterd.Benchmarks;

/// <summary>
/// Routes messages through the in-memory router outside BenchmarkDotNet and reports the bytes the whole process
/// allocated per message at steady state. Run it under EventPipe with the GC keyword at verbose level (see
/// bench/README.md) and read the trace with <see cref="AllocationReport"/> to see which call sites allocate.
/// </summary>
internal static class AllocationProbe
{
    private const int Batch = InMemoryRoutingBenchmarks.MessagesPerOp;

    public static async Task<int> RunAsync(string[] args)
    {
        int messages = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        string[] modes = args.Length > 1 ? args[1..] : ["presettled", "unsettled"];
        int failures = 0;
        foreach (var mode in modes)
        {
            bool presettled = mode == "presettled";
            await using var router = new InMemoryRouter();
            var receiver = await router.ConnectAsync(new PeerOptions { Role = PeerRole.Receiver, Address = "bench", ContainerId = "probe-receiver", Credit = presettled ? 2 * (uint)Batch : 250 });
            var sender = await router.ConnectAsync(new PeerOptions { Role = PeerRole.Sender, Address = "bench", ContainerId = "probe-sender", Presettled = presettled });
            var done = presettled ? receiver.Progress : sender.Progress;
            if (!Run(sender, done, Math.Max(Batch, messages / 10)))
            {
                Console.WriteLine($"{mode,-10} warm-up FAILED after {done.Count} messages: {sender.Error}{receiver.Error} (dropped pre-settled: {router.Core.Counters.DroppedPresettledDeliveries})");
                failures++;
                continue;
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            int gen0 = GC.CollectionCount(0);
            int gen2 = GC.CollectionCount(2);
            var elapsed = Stopwatch.StartNew();
            bool ok = Run(sender, done, messages);
            elapsed.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            failures += ok ? 0 : 1;
            Console.WriteLine(FormattableString.Invariant(
                $"{mode,-10} {messages} messages  {messages / elapsed.Elapsed.TotalSeconds,10:N0} msg/s  {allocated / (double)messages,8:F1} B/msg  gen0 {GC.CollectionCount(0) - gen0}  gen2 {GC.CollectionCount(2) - gen2}  {(ok ? "" : "FAILED: " + sender.Error + receiver.Error)}"));
        }

        return failures == 0 ? 0 : 1;
    }

    private static bool Run(AmqpPeer sender, ProgressSignal done, int messages)
    {
        for (int sent = 0; sent < messages; sent += Batch)
        {
            long target = done.Count + Batch;
            sender.Send(Batch);
            if (!done.Wait(target, TimeSpan.FromSeconds(30)))
            {
                return false;
            }
        }

        return true;
    }
}
