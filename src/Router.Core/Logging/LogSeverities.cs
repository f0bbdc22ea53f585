using Microsoft.Extensions.Logging;

namespace Skrouterd.Logging;

/// <summary>Conversions between <see cref="LogSeverity"/>, MEL's <see cref="LogLevel"/>, names and syslog priorities.</summary>
internal static class LogSeverities
{
    /// <summary>All five level bits (<c>debug+</c>).</summary>
    public const int AllBits = 0x1F;

    /// <summary>
    /// MEL level to router level: Trace and Debug → debug, Information → info, Warning → warning, Error → error,
    /// Critical → critical, None (or anything else) → <see cref="LogSeverity.None"/>.
    /// </summary>
    public static LogSeverity FromLogLevel(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => LogSeverity.Debug,
        LogLevel.Information => LogSeverity.Info,
        LogLevel.Warning => LogSeverity.Warning,
        LogLevel.Error => LogSeverity.Error,
        LogLevel.Critical => LogSeverity.Critical,
        _ => LogSeverity.None,
    };

    /// <summary>True if <paramref name="severity"/> is exactly one of the five level bits.</summary>
    public static bool IsSingleLevel(LogSeverity severity)
    {
        int bits = (int)severity;
        return bits != 0 && (bits & ~AllBits) == 0 && (bits & (bits - 1)) == 0;
    }

    /// <summary>0 for debug … 4 for critical; the argument must be a single level.</summary>
    public static int Index(LogSeverity severity) => System.Numerics.BitOperations.TrailingZeroCount((int)severity);

    /// <summary>The level's name as printed in log lines and GET-LOG (<c>debug</c>, <c>info</c>, …).</summary>
    public static string Name(LogSeverity severity) => severity switch
    {
        LogSeverity.Debug => "debug",
        LogSeverity.Info => "info",
        LogSeverity.Warning => "warning",
        LogSeverity.Error => "error",
        LogSeverity.Critical => "critical",
        _ => "info",
    };

    /// <summary>syslog(3) severity: LOG_DEBUG 7, LOG_INFO 6, LOG_WARNING 4, LOG_ERR 3, LOG_CRIT 2.</summary>
    public static int SyslogSeverity(LogSeverity severity) => severity switch
    {
        LogSeverity.Debug => 7,
        LogSeverity.Info => 6,
        LogSeverity.Warning => 4,
        LogSeverity.Error => 3,
        LogSeverity.Critical => 2,
        _ => 6,
    };
}
