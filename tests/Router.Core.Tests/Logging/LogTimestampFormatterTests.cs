using Skrouterd.Logging;
using Xunit;

namespace Skrouterd.Tests.Logging;

public sealed class LogTimestampFormatterTests
{
    // Tuesday 2025-03-04 10:20:30.123456 at +01:00 (09:20:30 UTC).
    private static readonly DateTimeOffset s_local = new DateTimeOffset(2025, 3, 4, 10, 20, 30, TimeSpan.FromHours(1)).AddTicks(1_234_560);

    [Theory]
    [InlineData(LogTimestampFormatter.DefaultFormat, "2025-03-04 10:20:30.123456 +0100")]
    [InlineData("%Y %m %d %H %M %S", "2025 03 04 10 20 30")]
    [InlineData("%y %b %a %j %e", "25 Mar Tue 063  4")]
    [InlineData("%B %A %h", "March Tuesday Mar")]
    [InlineData("%T", "10:20:30")]
    [InlineData("%F", "2025-03-04")]
    [InlineData("%D %R", "03/04/25 10:20")]
    [InlineData("%c", "Tue Mar  4 10:20:30 2025")]
    [InlineData("%I %l %p %P %r", "10 10 AM am 10:20:30 AM")]
    [InlineData("%k|%C|%u|%w", "10|20|2|2")]
    [InlineData("%U %W %V %G %g", "09 09 10 2025 25")]
    [InlineData("%s", "1741080030")]
    [InlineData("%z %Z", "+0100 TST")]
    [InlineData("100%%", "100%")]
    [InlineData("a%nb%tc", "a\nb\tc")]
    [InlineData("%-d/%-m %_d %5Y %^a", "4/3  4 02025 TUE")]
    [InlineData("%Ey %Od", "25 04")]
    [InlineData("%Q %", "%Q %")]
    [InlineData("%T.%%03lu", "10:20:30.123456")]
    [InlineData("%T.%%.3u", "10:20:30.123456")]
    [InlineData("%T.%%09d|%%-8u|%%x", "10:20:30.000123456|123456  |1e240")]
    [InlineData("%%%%", "%")]
    [InlineData("%%s", "%s")]
    [InlineData("", "")]
    public void Strftime_ThenPrintfWithMicroseconds(string format, string expected)
        => Assert.Equal(expected, new LogTimestampFormatter().Format(format, s_local, "TST"));

    [Fact]
    public void Microseconds_AreZeroPadded()
    {
        DateTimeOffset t = new DateTimeOffset(2025, 3, 4, 10, 20, 30, TimeSpan.Zero).AddTicks(70);
        Assert.Equal("2025-03-04 10:20:30.000007 +0000", new LogTimestampFormatter().Format(LogTimestampFormatter.DefaultFormat, t, "UTC"));
    }

    [Fact]
    public void NegativeOffset_PrintsMinus()
    {
        DateTimeOffset t = new(2025, 3, 4, 10, 20, 30, TimeSpan.FromMinutes(-330));
        Assert.Equal("-0530", new LogTimestampFormatter().Format("%z", t, "X"));
    }

    [Fact]
    public void OverlongResult_IsEmptyLikeCBuffer()
    {
        var formatter = new LogTimestampFormatter();
        Assert.Equal(string.Empty, formatter.Format(new string('x', 100), s_local, "TST"));
        Assert.Equal(99, formatter.Format(new string('x', 99), s_local, "TST").Length);
    }
}
