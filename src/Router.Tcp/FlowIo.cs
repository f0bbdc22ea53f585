namespace Skrouterd.Tcp;

/// <summary>The byte stream of one side of a TCP flow: a plain socket or TLS over one.</summary>
internal abstract class FlowIo
{
    /// <summary>Peer address `ip:port`.</summary>
    public abstract string RemoteAddress { get; }

    /// <summary>
    /// Waits until bytes (or the end of the stream) can be read, without holding a buffer (a zero-byte read; its
    /// result is meaningless). A ValueTask&lt;int&gt; straight from the socket: no wrapper state machine per wait.
    /// </summary>
    public abstract ValueTask<int> WaitReadableAsync(CancellationToken ct);

    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct);

    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct);

    /// <summary>Half-close: no more bytes will be written (TCP FIN).</summary>
    public abstract ValueTask ShutdownWriteAsync();

    /// <summary>Closes the stream; with <paramref name="reset"/> the peer sees a reset rather than a FIN.</summary>
    public abstract void Close(bool reset);

    /// <summary>Closing the stream sends what a half-close would (a plain socket's FIN; TLS also needs its close_notify).</summary>
    public virtual bool CloseIsHalfClose => false;

    /// <summary>The ALPN protocol negotiated by TLS, if any.</summary>
    public virtual string? ApplicationProtocol => null;
}
