using System.Diagnostics;
using System.Net.Sockets;
using Skrouterd.Bench;

namespace Skrouterd.LoadClient;

/// <summary>
/// One load run: a receiver attached first (so the router has a consumer and grants the sender credit at once), then
/// a sender; a warm-up; then the measured messages, timed from the first send to the last receipt (pre-settled) or
/// the last settlement (unsettled).
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(LoadOptions o)
    {
        var timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        var receiverOptions = new PeerOptions
        {
            Role = PeerRole.Receiver,
            Address = o.Address,
            ContainerId = "loadclient-receiver",
            Credit = o.Credit,
            Passive = o.Direct,
        };
        var senderOptions = new PeerOptions
        {
            Role = PeerRole.Sender,
            Address = o.Address,
            ContainerId = "loadclient-sender",
            Presettled = o.Presettled,
            Window = o.Window,
            BodySize = o.BodySize,
        };

        SocketPipe receiverPipe;
        SocketPipe senderPipe;
        AmqpPeer receiver;
        AmqpPeer sender;
        Task receiverRun;
        Task senderRun;
        if (o.Direct)
        {
            var (listener, port) = SocketPipe.Listen();
            using (listener)
            {
                var accept = listener.AcceptAsync();
                senderPipe = await SocketPipe.ConnectAsync("127.0.0.1", port, timeout);
                receiverPipe = new SocketPipe(await accept.WaitAsync(timeout));
            }

            receiver = new AmqpPeer(receiverPipe, receiverOptions);
            receiverRun = receiver.RunAsync();
            sender = new AmqpPeer(senderPipe, senderOptions);
            senderRun = sender.RunAsync();
        }
        else
        {
            receiverPipe = await SocketPipe.ConnectAsync(o.Host, o.Port, timeout);
            receiver = new AmqpPeer(receiverPipe, receiverOptions);
            receiverRun = receiver.RunAsync();
            await receiver.Ready.WaitAsync(timeout);
            senderPipe = await SocketPipe.ConnectAsync(o.Host, o.Port, timeout);
            sender = new AmqpPeer(senderPipe, senderOptions);
            senderRun = sender.RunAsync();
        }

        await Task.WhenAll(receiver.Ready, sender.Ready).WaitAsync(timeout);
        var done = o.Presettled ? receiver.Progress : sender.Progress;
        string? error = null;
        if (o.Warmup > 0 && !await RunAsync(sender, done, o.Warmup, timeout))
        {
            error = $"warm-up did not finish: {done.Count}/{o.Warmup}";
        }

        receiver.ClearStatistics();
        sender.ClearStatistics();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        double? routerCpuBefore = o.RouterPid is int pid ? ProcStat.CpuSeconds(pid) : null;
        long start = Stopwatch.GetTimestamp();
        long doneBefore = done.Count;
        long measured = 0;
        if (error is null)
        {
            if (o.DurationSeconds is double seconds)
            {
                long sentBefore = sender.Sent;
                if (o.Presettled)
                {
                    await SendPacedAsync(sender, done, long.MaxValue / 4, PresettledInFlight(o), TimeSpan.FromSeconds(seconds));
                }
                else
                {
                    sender.Send(long.MaxValue / 4);
                    await Task.Delay(TimeSpan.FromSeconds(seconds));
                    sender.StopSending();
                }

                await Task.Delay(50);
                measured = sender.Sent - sentBefore;
            }
            else
            {
                measured = o.Messages;
                if (o.Presettled)
                {
                    await SendPacedAsync(sender, done, measured, PresettledInFlight(o), timeout);
                }
                else
                {
                    sender.Send(measured);
                }
            }

            if (!await WaitAsync(done, doneBefore + measured, timeout + TimeSpan.FromSeconds(o.DurationSeconds ?? 0)))
            {
                error = $"only {done.Count - doneBefore} of {measured} messages finished";
            }
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        RouterUsage? router = null;
        if (o.RouterPid is int routerPid && routerCpuBefore is double routerBefore && ProcStat.CpuSeconds(routerPid) is double routerAfter)
        {
            router = new RouterUsage(routerAfter - routerBefore, ProcStat.PeakRssKiB(routerPid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        sender.Close();
        receiver.Close();
        try
        {
            await Task.WhenAll(senderRun, receiverRun).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            error ??= "connections did not close within 5 s";
        }
        catch (SocketException e)
        {
            error ??= e.Message;
        }

        senderPipe.Dispose();
        receiverPipe.Dispose();
        error ??= sender.Error ?? receiver.Error;
        return new LoadResult(o, sender, receiver, measured, done.Count - doneBefore, elapsed, cpu, ProcStat.PeakRssKiB(), router, error);
    }

    private static async Task<bool> RunAsync(AmqpPeer sender, ProgressSignal done, long count, TimeSpan timeout)
    {
        long target = done.Count + count;
        if (sender.Options.Presettled)
        {
            await SendPacedAsync(sender, done, count, 200, timeout);
        }
        else
        {
            sender.Send(count);
        }

        return await WaitAsync(done, target, timeout);
    }

    /// <summary>
    /// Pre-settled messages have no end-to-end flow control: a router (the C one too) drops pre-settled deliveries
    /// queued beyond a link's capacity (250) for a consumer that lags. The sender therefore keeps at most this many
    /// messages ahead of the receiver: fewer than one link capacity, so nothing is ever dropped.
    /// </summary>
    private static long PresettledInFlight(LoadOptions o) => Math.Min(o.Credit, 200);

    /// <summary>Sends pre-settled messages keeping at most <paramref name="inFlight"/> ahead of the receiver.</summary>
    private static Task SendPacedAsync(AmqpPeer sender, ProgressSignal done, long count, long inFlight, TimeSpan duration) =>
        Task.Factory.StartNew(
            () =>
            {
                long start = done.Count;
                long sent = 0;
                long deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
                while (sent < count && Stopwatch.GetTimestamp() < deadline)
                {
                    long allowed = done.Count - start + inFlight - sent;
                    if (allowed <= 0)
                    {
                        done.Wait(start + sent - inFlight + Math.Min(50, inFlight), TimeSpan.FromMilliseconds(100));
                        continue;
                    }

                    long n = Math.Min(allowed, count - sent);
                    sender.Send(n);
                    sent += n;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>Blocks a thread of its own, not one of the pool threads the connections' loops run on.</summary>
    private static Task<bool> WaitAsync(ProgressSignal done, long target, TimeSpan timeout) =>
        Task.Factory.StartNew(() => done.Wait(target, timeout), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
