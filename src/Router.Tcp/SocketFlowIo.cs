using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Skrouterd.Amqp.Transport;

namespace Skrouterd.Tcp;

/// <summary>
/// A plain socket: reads go straight into message blocks, writes straight out of them. In direct mode (no TLS over
/// it) the socket is non-blocking and reads and writes are tried synchronously first: a read follows a readiness
/// wait, so it nearly always completes at once, and a write the socket takes whole needs no asynchronous operation
/// (nor the send-side event args a socket would otherwise keep for its lifetime).
/// </summary>
internal sealed class SocketFlowIo : FlowIo
{
    private readonly Socket _socket;
    private readonly bool _direct;
    private int _closed;

    /// <param name="socket">A connected socket.</param>
    /// <param name="direct">Nothing else (TLS) reads or writes the socket: use non-blocking synchronous calls first.</param>
    /// <param name="remoteAddress">The peer's address as text, when the caller has it already.</param>
    public SocketFlowIo(Socket socket, bool direct, string? remoteAddress = null)
    {
        _socket = socket;
        _direct = direct;
        _socket.NoDelay = true;
        if (direct)
        {
            _socket.Blocking = false;
        }

        RemoteAddress = remoteAddress ?? SocketTransport.FormatEndPoint(socket.RemoteEndPoint);
    }

    public Socket Socket => _socket;

    public override string RemoteAddress { get; }

    public override bool CloseIsHalfClose => true;

    public override ValueTask<int> WaitReadableAsync(CancellationToken ct) =>
        _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, ct);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        if (_direct)
        {
            int n = _socket.Receive(buffer.Span, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                return new ValueTask<int>(n);
            }

            if (error != SocketError.WouldBlock)
            {
                return ValueTask.FromException<int>(new SocketException((int)error));
            }
        }

        return _socket.ReceiveAsync(buffer, SocketFlags.None, ct);
    }

    /// <summary>Sends everything; completes synchronously (no allocation) when the socket takes it all at once.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        if (_direct)
        {
            int n = _socket.Send(buffer.Span, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                return n == buffer.Length ? ValueTask.CompletedTask : WriteRestAsync(buffer[n..], ct);
            }

            return error == SocketError.WouldBlock
                ? WriteRestAsync(buffer, ct)
                : ValueTask.FromException(new SocketException((int)error));
        }

        var pending = _socket.SendAsync(buffer, SocketFlags.None, ct);
        if (pending.IsCompletedSuccessfully && pending.Result == buffer.Length)
        {
            return ValueTask.CompletedTask;
        }

        return WriteSlowAsync(pending, buffer, ct);
    }

    /// <summary>The socket is full (the peer reads slowly): wait; the state machine box is pooled.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteSlowAsync(ValueTask<int> pending, ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        buffer = buffer[await pending.ConfigureAwait(false)..];
        await WriteRestAsync(buffer, ct).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteRestAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        while (!buffer.IsEmpty)
        {
            int n = await _socket.SendAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
            buffer = buffer[n..];
        }
    }

    public override ValueTask ShutdownWriteAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        return ValueTask.CompletedTask;
    }

    public override void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            if (reset)
            {
                _socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }
}
