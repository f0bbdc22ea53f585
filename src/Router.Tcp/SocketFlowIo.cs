using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Skrouterd.Amqp.Transport;

namespace Skrouterd.Tcp;

/// <summary>A plain socket: reads go straight into message blocks, writes straight out of them.</summary>
internal sealed class SocketFlowIo : FlowIo
{
    private readonly Socket _socket;
    private int _closed;

    public SocketFlowIo(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        RemoteAddress = SocketTransport.FormatEndPoint(socket.RemoteEndPoint);
    }

    public Socket Socket => _socket;

    public override string RemoteAddress { get; }

    public override ValueTask<int> WaitReadableAsync(CancellationToken ct) =>
        _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, ct);

    public override int ReadableHint => _closed != 0 ? 0 : _socket.Available;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, ct);

    /// <summary>Sends everything; completes synchronously (no allocation) when the socket takes it all at once.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
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
