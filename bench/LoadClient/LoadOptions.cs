using System.Globalization;

namespace Skrouterd.LoadClient;

/// <summary>Command line of the load client. Immutable.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        usage: loadclient [options]
          --host HOST          router host (default 127.0.0.1)
          --port PORT          router port (default 5672)
          --direct             no router: the receiver listens on a loopback port and the sender connects to it
          --address ADDR       link address (default bench)
          --messages N         messages to measure (default 100000)
          --duration SECONDS   measure for this long instead of a message count
          --warmup N           messages sent first and not measured (default 20000)
          --settled            pre-settled deliveries (default: unsettled, the receiver accepts and settles)
          --credit N           receiver credit window (default 250)
          --window N           sender: unsettled deliveries in flight at most (default 1000)
          --body-size BYTES    data section size (default 1024)
          --router-pid PID     also report this process's CPU time over the measured messages and its peak RSS
          --timeout SECONDS    give up when the run has not finished this long after it should have (default 60)
        Prints one JSON object: messages/s, latency percentiles, the client's own CPU time and peak RSS.
        """;

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 5672;

    public bool Direct { get; init; }

    public string Address { get; init; } = "bench";

    public long Messages { get; init; } = 100_000;

    public double? DurationSeconds { get; init; }

    public long Warmup { get; init; } = 20_000;

    public bool Presettled { get; init; }

    public uint Credit { get; init; } = 250;

    public int Window { get; init; } = 1000;

    public int BodySize { get; init; } = 1024;

    public double TimeoutSeconds { get; init; } = 60;

    /// <summary>The router's process id, to sample its CPU time (/proc/&lt;pid&gt;/stat) and peak RSS.</summary>
    public int? RouterPid { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--host" => o with { Host = Next() },
                "--port" => o with { Port = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--direct" => o with { Direct = true },
                "--address" => o with { Address = Next() },
                "--messages" => o with { Messages = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--duration" => o with { DurationSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => o with { Warmup = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--settled" => o with { Presettled = true },
                "--credit" => o with { Credit = uint.Parse(Next(), CultureInfo.InvariantCulture) },
                "--window" => o with { Window = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--body-size" => o with { BodySize = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--router-pid" => o with { RouterPid = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--timeout" => o with { TimeoutSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (o.Messages <= 0 || o.Warmup < 0 || o.Credit == 0 || o.Window <= 0 || o.BodySize < 16 || o.DurationSeconds <= 0)
        {
            throw new ArgumentException("counts must be positive and --body-size at least 16");
        }

        return o;
    }
}
