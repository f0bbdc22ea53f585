namespace Skrouterd.Logging;

/// <summary>
/// One entry of the recent-log buffer returned by GET-LOG: the C router's
/// <c>[module, level, text, file-or-null, line-or-null, unix-seconds]</c>.
/// </summary>
/// <param name="Module">The module the event was logged to.</param>
/// <param name="Severity">Its level (one bit).</param>
/// <param name="Text">The message text (already truncated to <see cref="LogState.TextMax"/>).</param>
/// <param name="File">Source of the call: the event name for MEL calls, or what the caller passed; null if none.</param>
/// <param name="Line">Line (event id for MEL calls); null exactly when <paramref name="File"/> is null.</param>
/// <param name="UnixSeconds">Event time, whole seconds since the Unix epoch.</param>
internal readonly record struct LogEntry(LogModule Module, LogSeverity Severity, string Text, string? File, int? Line, long UnixSeconds)
{
    /// <summary>The module name, e.g. <c>SERVER</c>.</summary>
    public string ModuleName => LogModules.GetName(Module);

    /// <summary>The level name, e.g. <c>info</c>.</summary>
    public string LevelName => LogSeverities.Name(Severity);

    /// <summary>The six GET-LOG values in order: module, level, text, file, line, time (string, string, string, string?, int?, long).</summary>
    public object?[] ToGetLogRow() => [ModuleName, LevelName, Text, File, Line, UnixSeconds];
}
