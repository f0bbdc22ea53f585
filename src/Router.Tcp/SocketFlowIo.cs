using System.Net.Sockets;
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

    public override async ValueTask WaitReadableAsync(CancellationToken ct) =>
        await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, ct).ConfigureAwait(false);

    public override int ReadableHint => _closed != 0 ? 0 : _socket.Available;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, ct);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
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
