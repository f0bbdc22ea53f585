using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Skrouterd.LoadClient;

/// <summary>A TCP connection as a duplex pipe (64 KiB reads, writes flushed by the peer's loop).</summary>
internal sealed class SocketPipe : IDuplexPipe, IDisposable
{
    private readonly Socket _socket;

    public SocketPipe(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public static async Task<SocketPipe> ConnectAsync(string host, int port, TimeSpan timeout)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SocketPipe(socket);
    }

    /// <summary>Listens on an ephemeral loopback port; returns the listener and its port.</summary>
    public static (Socket Listener, int Port) Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return (listener, ((IPEndPoint)listener.LocalEndPoint!).Port);
    }

    public void Dispose() => _socket.Dispose();
}
