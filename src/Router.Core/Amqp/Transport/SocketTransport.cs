using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// A plain TCP connection: input through a <see cref="PipeReader"/> over the socket (zero-byte reads, so an idle
/// connection holds no buffer), output as gather sends straight from message blocks.
/// </summary>
internal sealed class SocketTransport : ITransport
{
    private readonly Socket _socket;
    private readonly SocketSender _sender = new();
    private int _closed;

    public SocketTransport(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        Input = PipeReader.Create(new NetworkStream(socket, ownsSocket: false), new StreamPipeReaderOptions(
            bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true, useZeroByteReads: true));
        RemoteAddress = FormatEndPoint(socket.RemoteEndPoint);
        LocalAddress = FormatEndPoint(socket.LocalEndPoint);
    }

    public PipeReader Input { get; }

    public string RemoteAddress { get; }

    public string LocalAddress { get; }

    public TlsInfo? Tls => null;

    public Socket Socket => _socket;

    public ValueTask SendAsync(OutputBatch batch, CancellationToken cancellationToken)
    {
        batch.Finish();
        return _sender.SendAllAsync(_socket, batch.Segments);
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        _sender.SendAllAsync(_socket, bytes);

    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            try
            {
                _socket.LingerState = new LingerOption(true, 0);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            _socket.Dispose();
        }
    }

    public ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>`ip:port` as the C router prints it: IPv4-mapped IPv6 shown as IPv4, IPv6 not bracketed.</summary>
    public static string FormatEndPoint(EndPoint? endPoint)
    {
        if (endPoint is IPEndPoint ip)
        {
            var address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
            return $"{address}:{ip.Port}";
        }

        return endPoint?.ToString() ?? "";
    }
}
