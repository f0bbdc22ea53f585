namespace Skrouterd.Tests.Logging;

/// <summary>A settable clock with a chosen local time zone.</summary>
internal sealed class TestClock : TimeProvider
{
    /// <summary>2025-03-04 10:20:30.123456 UTC.</summary>
    public static readonly DateTimeOffset Sample = new DateTimeOffset(2025, 3, 4, 10, 20, 30, TimeSpan.Zero).AddTicks(1_234_560);

    private readonly TimeZoneInfo _zone;

    public TestClock(DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        Now = now;
        _zone = zone ?? TimeZoneInfo.Utc;
    }

    public DateTimeOffset Now { get; set; }

    public override TimeZoneInfo LocalTimeZone => _zone;

    public override DateTimeOffset GetUtcNow() => Now;

    public static TimeZoneInfo FixedZone(double hours)
        => TimeZoneInfo.CreateCustomTimeZone($"Test/{hours}", TimeSpan.FromHours(hours), "Test", "Test");
}
