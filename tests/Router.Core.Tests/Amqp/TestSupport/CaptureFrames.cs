using System.Runtime.CompilerServices;
using Xunit;

namespace Skrouterd.Tests.Amqp.TestSupport;

/// <summary>One AMQP frame captured from the C router (see TestData/README.md).</summary>
public sealed record CapturedFrame(string Scenario, string Packet, string Performative, byte Type, ushort Channel, string? ExpectedTo, byte[] Bytes)
{
    /// <summary>True for a transfer that carries a whole message (so <see cref="ExpectedTo"/> is meaningful).</summary>
    public bool HasWholeMessage => ExpectedTo is not null;

    public override string ToString() => $"{Scenario} {Packet} {Performative}";
}

/// <summary>Loads the golden frames under Amqp/TestData.</summary>
public static class CaptureFrames
{
    public static readonly string[] Scenarios =
    [
        "01-interior-pair", "02-tcp-across", "03-edge-uplink", "04-management", "05-http1-across", "06-http2-across",
    ];

    private static readonly Lazy<IReadOnlyList<CapturedFrame>> s_all = new(() => Scenarios.SelectMany(Load).ToList());

    public static IReadOnlyList<CapturedFrame> All => s_all.Value;

    public static IEnumerable<CapturedFrame> Load(string scenario) => Load(scenario, Directory());

    /// <summary>Every frame as xunit theory data: (scenario, packet, performative).</summary>
    public static TheoryData<string, string> Ids()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in All)
        {
            data.Add(f.Scenario, f.Packet);
        }

        return data;
    }

    public static CapturedFrame Get(string scenario, string packet) =>
        All.First(f => f.Scenario == scenario && f.Packet == packet);

    private static IEnumerable<CapturedFrame> Load(string scenario, string directory)
    {
        foreach (string line in File.ReadLines(Path.Combine(directory, scenario + ".frames.hex")))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split(' ');
            string? to = f[4] switch
            {
                "*" => null,
                "-" => "",
                var s => s,
            };
            yield return new CapturedFrame(scenario, f[0], f[1], byte.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
                ushort.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), to, Hex.Bytes(f[5]));
        }
    }

    private static string Directory([CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(callerFile)!)!, "TestData");
}
