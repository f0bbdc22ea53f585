using System.Net;
using System.Net.Sockets;

namespace Skrouterd.Cli.LiveTests.Infrastructure;

/// <summary>
/// A loopback TCP server that echoes every byte back on each accepted connection and, when the peer finishes
/// sending, finishes too (so a flow through the router ends once the client closes).
/// </summary>
internal sealed class LoopbackEchoServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private int _accepted;

    public LoopbackEchoServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                }

                Interlocked.Increment(ref _accepted);
                _ = EchoAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task EchoAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            int n;
            while ((n = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }

            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var c in _clients)
            {
                c.Dispose();
            }
        }

        _stop.Dispose();
    }
}
