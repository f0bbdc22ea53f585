namespace Skrouterd.Logging;

/// <summary>
/// A log destination (<c>outputFile</c> value): standard error, standard output, syslog or a file. Sinks are shared
/// by name and reference-counted by <see cref="LogState"/>; all calls happen under the state's lock, so a sink never
/// sees two lines at once.
/// </summary>
internal abstract class LogSink : IDisposable
{
    protected LogSink(string name)
    {
        Name = name;
    }

    /// <summary>The <c>outputFile</c> value this sink was opened for.</summary>
    public string Name { get; }

    /// <summary>Number of modules using the sink; maintained by <see cref="LogState"/> under its lock.</summary>
    public int ReferenceCount { get; set; }

    /// <summary>True for the syslog sink: modules switched to it stop printing timestamps.</summary>
    public virtual bool IsSyslog => false;

    /// <summary>Writes one complete line (ending in <c>\n</c>) and flushes it.</summary>
    /// <param name="line">The UTF-8 line.</param>
    /// <param name="severity">The line's level (syslog priority).</param>
    /// <param name="localTime">The event time in local time (syslog header).</param>
    public abstract void Write(ReadOnlySpan<byte> line, LogSeverity severity, DateTimeOffset localTime);

    public abstract void Dispose();
}
