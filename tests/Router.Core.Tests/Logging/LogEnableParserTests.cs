using Skrouterd.Logging;
using Xunit;

namespace Skrouterd.Tests.Logging;

public sealed class LogEnableParserTests
{
    [Theory]
    [InlineData("debug", 0x01)]
    [InlineData("info", 0x02)]
    [InlineData("warning", 0x04)]
    [InlineData("error", 0x08)]
    [InlineData("critical", 0x10)]
    [InlineData("debug+", 0x1F)]
    [InlineData("info+", 0x1E)]
    [InlineData("warning+", 0x1C)]
    [InlineData("error+", 0x18)]
    [InlineData("critical+", 0x10)]
    [InlineData("warn", 0x04)]
    [InlineData("WARN+", 0x1C)]
    [InlineData("Info+", 0x1E)]
    [InlineData("deb", 0x01)]
    [InlineData("i", 0x02)]
    [InlineData("e", 0x08)]
    [InlineData("c+", 0x10)]
    [InlineData("debug,warning+", 0x1D)]
    [InlineData("info;error", 0x0A)]
    [InlineData("info:critical", 0x12)]
    [InlineData("info error", 0x0A)]
    [InlineData("info,,;: error", 0x0A)]
    [InlineData("  info+  ", 0x1E)]
    [InlineData("none", 0)]
    [InlineData("n", 0)]
    [InlineData("none+", 0)]
    [InlineData("", 0)]
    [InlineData(" , ", 0)]
    [InlineData("none,info", 0x02)]
    [InlineData("default", -1)]
    [InlineData("DEFAULT", -1)]
    [InlineData("default,info", -1)]
    [InlineData("d", -1)] // first prefix match in C's table order is "default"
    [InlineData("de", -1)]
    [InlineData("+", -1)] // empty name matches "default"
    public void ValidString_ParsesToCMask(string enable, int expected)
    {
        Assert.True(LogEnableParser.TryParse(enable, out int mask));
        Assert.Equal(expected, mask);
        Assert.Equal(expected, LogEnableParser.Parse(enable));
    }

    [Theory]
    [InlineData("notice")]
    [InlineData("trace")]
    [InlineData("TRACE+")]
    [InlineData("foo")]
    [InlineData("info+,bogus")]
    [InlineData("debug,foo")] // C quietly turns this into "inherit" (-1 | -2); we reject it
    [InlineData("info++")]
    [InlineData("debugx")]
    [InlineData("infos+")]
    [InlineData("+info")]
    public void UnknownLevel_RejectedWithCMessage(string enable)
    {
        Assert.False(LogEnableParser.TryParse(enable, out _));
        var e = Assert.Throws<LogConfigException>(() => LogEnableParser.Parse(enable));
        Assert.Equal($"'{enable}' is not a valid log level. Should be one of {{none, debug, info, warning, error, critical}}.", e.Message);
    }

    [Theory]
    [InlineData("trace", "debug")]
    [InlineData("trace+", "debug+")]
    [InlineData("info,trace", "info,debug")]
    [InlineData("TRACE", "TRACE")]
    [InlineData("info+", "info+")]
    public void TraceCompatibility_RewritesLowerCaseTraceOnly(string enable, string expected)
        => Assert.Equal(expected, LogEnableParser.ApplyTraceCompatibility(enable));
}
