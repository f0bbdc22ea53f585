namespace Skrouterd.Logging;

/// <summary>Sink sharing: one sink per <c>outputFile</c> name, reference-counted by the modules using it.</summary>
internal sealed partial class LogState
{
    // Returns the sink named `name` with one more reference, opening it if needed; null if a file cannot be opened.
    private LogSink? AcquireSinkLocked(string name)
    {
        if (_sinks.TryGetValue(name, out LogSink? sink))
        {
            sink.ReferenceCount++;
            return sink;
        }

        sink = name switch
        {
            StandardErrorName => new StreamLogSink(name, _standardError, ownsStream: false),
            StandardOutputName => new StreamLogSink(name, _standardOutput, ownsStream: false),
            SyslogName => new SyslogLogSink(name, _syslogSocketPath, _standardError),
            _ => StreamLogSink.TryOpenFile(name),
        };
        if (sink is null)
        {
            return null;
        }

        sink.ReferenceCount = 1;
        _sinks.Add(name, sink);
        return sink;
    }

    private void ReleaseSinkLocked(LogSink? sink)
    {
        if (sink is null)
        {
            return;
        }

        if (--sink.ReferenceCount == 0)
        {
            _sinks.Remove(sink.Name);
            sink.Dispose();
        }
    }
}
