namespace Skrouterd.Logging;

/// <summary>
/// Router log levels as bits, with the C router's values (<c>QD_LOG_DEBUG</c> = 1 … <c>QD_LOG_CRITICAL</c> = 0x10).
/// An enable mask is an OR of these; a single event has exactly one bit set.
/// </summary>
[Flags]
public enum LogSeverity
{
    None = 0,
    Debug = 0x01,
    Info = 0x02,
    Warning = 0x04,
    Error = 0x08,
    Critical = 0x10,
}
