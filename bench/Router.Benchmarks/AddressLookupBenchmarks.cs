using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Skrouterd.Routing;

namespace Skrouterd.Benchmarks;

/// <summary>
/// Finding the address of a message's `to` in the address table (what an anonymous sender costs per message):
/// hash key computation on the stack, then the span-keyed look-up in the concurrent table.
/// </summary>
public class AddressLookupBenchmarks
{
    private readonly char[] _key = new char[AddressKey.MaxStackLength];
    private RouterCore _core = null!;
    private string _to = "";

    [Params(10, 10_000)]
    public int Addresses { get; set; }

    /// <summary>The `to` as clients write it: `bench/queue.N`, or with the `amqp:/` scheme the key computation strips.</summary>
    [Params("plain", "amqp:/")]
    public string Form { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _core = new RouterCore("bench-router", RouterMode.Standalone, TimeProvider.System, NullLoggerFactory.Instance);
        for (int i = 0; i < Addresses; i++)
        {
            _core.GetOrCreate(_core.KeyFor($"bench/queue.{i}"));
        }

        string name = $"bench/queue.{Addresses / 2}";
        _to = Form == "plain" ? name : Form + name;
    }

    [Benchmark]
    public int ComputeKey() => AddressKey.Compute(_to, _core.Id, false, _key);

    [Benchmark]
    public bool FindByAddress() => _core.FindByAddress(_to) is not null;
}
