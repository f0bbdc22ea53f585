using BenchmarkDotNet.Attributes;
using Skrouterd.Bench;

namespace Skrouterd.Benchmarks;

/// <summary>
/// A whole router in memory: a sender connection and a receiver connection on one address, over in-memory
/// transports. The handshake (header, open, begin, attach, credit) runs once in the global set-up; each operation
/// sends <see cref="MessagesPerOp"/> 1 KiB messages and returns when all have been received (pre-settled) or settled
/// back to the sender (unsettled: the receiver accepts). Reported per message: time, Op/s = messages/s, and bytes
/// allocated by the router and both peers together.
/// </summary>
public class InMemoryRoutingBenchmarks
{
    public const int MessagesPerOp = 1000;

    private static readonly TimeSpan OpTimeout = TimeSpan.FromSeconds(30);

    private InMemoryRouter? _router;
    private AmqpPeer? _sender;
    private AmqpPeer? _receiver;

    [GlobalSetup(Target = nameof(Presettled))]
    public void SetupPresettled() => Setup(presettled: true);

    [GlobalSetup(Target = nameof(Unsettled))]
    public void SetupUnsettled() => Setup(presettled: false);

    [GlobalCleanup]
    public void Cleanup() => _router?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Pre-settled: done when the receiver has every message.</summary>
    [Benchmark(OperationsPerInvoke = MessagesPerOp)]
    public long Presettled() => Run(_receiver!.Progress);

    /// <summary>Unsettled: done when the sender has every disposition (accepted, settled) back.</summary>
    [Benchmark(OperationsPerInvoke = MessagesPerOp)]
    public long Unsettled() => Run(_sender!.Progress);

    private void Setup(bool presettled)
    {
        _router = new InMemoryRouter();
        _receiver = _router.ConnectAsync(new PeerOptions { Role = PeerRole.Receiver, Address = "bench", ContainerId = "bench-receiver", Credit = presettled ? 2 * (uint)MessagesPerOp : 250 }).GetAwaiter().GetResult();
        _sender = _router.ConnectAsync(new PeerOptions { Role = PeerRole.Sender, Address = "bench", ContainerId = "bench-sender", Presettled = presettled }).GetAwaiter().GetResult();
    }

    private long Run(ProgressSignal done)
    {
        long target = done.Count + MessagesPerOp;
        _sender!.Send(MessagesPerOp);
        if (!done.Wait(target, OpTimeout))
        {
            throw new TimeoutException($"{done.Count}/{target} messages after {OpTimeout}: sender {_sender.Error}, receiver {_receiver!.Error}");
        }

        return target;
    }
}
