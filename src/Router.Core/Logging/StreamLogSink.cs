namespace Skrouterd.Logging;

/// <summary>A sink writing to a stream: standard error, standard output or a file opened for append.</summary>
internal sealed class StreamLogSink : LogSink
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private bool _failed;

    public StreamLogSink(string name, Stream stream, bool ownsStream)
        : base(name)
    {
        _stream = stream;
        _ownsStream = ownsStream;
    }

    /// <summary>Opens <paramref name="path"/> for append (created if missing), or returns null if it cannot.</summary>
    public static StreamLogSink? TryOpenFile(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            return new StreamLogSink(path, stream, ownsStream: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                      or System.Security.SecurityException)
        {
            return null;
        }
    }

    public override void Write(ReadOnlySpan<byte> line, LogSeverity severity, DateTimeOffset localTime)
    {
        if (_failed)
        {
            return;
        }

        try
        {
            _stream.Write(line);
            _stream.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The C router prints "Cannot write log output to '<name>'" via perror and exits; we report once and
            // drop this sink's output instead of taking the router down from inside a log call.
            _failed = true;
            ReportFailure(e);
        }
    }

    public override void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private void ReportFailure(Exception e)
    {
        try
        {
            using Stream stderr = Console.OpenStandardError();
            byte[] message = System.Text.Encoding.UTF8.GetBytes($"Cannot write log output to '{Name}': {e.Message}\n");
            stderr.Write(message);
        }
        catch (IOException)
        {
            // Nowhere left to report to.
        }
    }
}
