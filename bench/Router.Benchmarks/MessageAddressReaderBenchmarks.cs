using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Skrouterd.Bench;
using Skrouterd.Routing;

namespace Skrouterd.Benchmarks;

/// <summary>
/// Reading the destination of a delivery on an anonymous link from the 1 KiB test message: the section walk alone,
/// and the whole path the receive loop runs (copy of the leading bytes from the message blocks, walk, key, look-up).
/// </summary>
public class MessageAddressReaderBenchmarks
{
    private RouterCore _core = null!;
    private Message _message = null!;
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _core = new RouterCore("bench-router", RouterMode.Standalone, TimeProvider.System, NullLoggerFactory.Instance);
        _core.GetOrCreate(_core.KeyFor("bench/queue"));
        _bytes = MessageTemplate.EncodeMessage("bench/queue", 1024, out _);
        _message = Message.Rent(null);
        _message.Append(_bytes, _bytes.Length);
        _message.Complete();
    }

    [Benchmark]
    public int Scan() => MessageAddressReader.Scan(_bytes, out var to) == AddressLookup.Found ? to.Length : -1;

    [Benchmark]
    public bool TryReadTo() => MessageAddressReader.TryReadTo(_message, _core, out var address, out _) == AddressLookup.Found && address is not null;
}
