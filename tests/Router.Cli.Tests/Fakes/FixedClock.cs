using System.Globalization;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>A clock pinned to one instant (for skstat's UTC header line).</summary>
internal sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedClock(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>The instant printed on a golden file's first line ("2026-11-21 06:56:10.404066+00:00 UTC").</summary>
    public static FixedClock FromGoldenHeader(string golden)
    {
        string first = golden[..golden.IndexOf('\n')];
        string stamp = first[..^" UTC".Length];
        return new FixedClock(DateTimeOffset.ParseExact(stamp, "yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
    }
}
