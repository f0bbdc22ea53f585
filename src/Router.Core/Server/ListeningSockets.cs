using System.Net;
using System.Net.Sockets;

namespace Skrouterd.Server;

/// <summary>
/// A listener's bound sockets and their accept loops: host "" binds every address (dual-mode IPv6), a name each
/// address it resolves to. Each accepted connection is served on the thread pool, so a slow one never stalls
/// accepting. <see cref="Stop"/> closes the sockets; connections already accepted carry on.
/// </summary>
internal sealed class ListeningSockets
{
    private readonly List<Socket> _sockets;
    private readonly CancellationTokenSource _stop = new();

    private ListeningSockets(List<Socket> sockets) => _sockets = sockets;

    /// <summary>Cancelled once the sockets are closed.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>The ports bound (useful when the port asked for was 0).</summary>
    public IReadOnlyList<int> BoundPorts => _sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).Distinct().ToList();

    /// <summary>Binds and listens on every address of <paramref name="host"/>; throws <see cref="SocketException"/> (nothing left bound) on failure.</summary>
    public static ListeningSockets Bind(string host, string portText)
    {
        int port = PortNames.Resolve(portText);
        var sockets = new List<Socket>();
        foreach (var address in AddressesFor(host))
        {
            var endPoint = new IPEndPoint(address, port);
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = host.Length == 0;
                }

                socket.Bind(endPoint);
                socket.Listen(4096);
            }
            catch
            {
                socket.Dispose();
                foreach (var s in sockets)
                {
                    s.Dispose();
                }

                throw;
            }

            // Several addresses may share an ephemeral port request: bind the rest to the port the first one got.
            if (port == 0)
            {
                port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }

            sockets.Add(socket);
        }

        return new ListeningSockets(sockets);
    }

    /// <summary>Starts accepting; <paramref name="serve"/> runs on the thread pool for each accepted socket.</summary>
    public void Start(Func<Socket, Task> serve)
    {
        foreach (var socket in _sockets)
        {
            _ = AcceptLoopAsync(socket, serve);
        }
    }

    public void Stop()
    {
        _stop.Cancel();
        foreach (var s in _sockets)
        {
            s.Dispose();
        }
    }

    private async Task AcceptLoopAsync(Socket listenSocket, Func<Socket, Task> serve)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Serve(state.Socket), (Serve: serve, Socket: socket), preferLocal: false);
        }
    }

    private static List<IPAddress> AddressesFor(string host)
    {
        if (host.Length == 0)
        {
            return [Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any];
        }

        var trimmed = host.Trim('[', ']');
        if (IPAddress.TryParse(trimmed, out var ip))
        {
            return [ip];
        }

        return Dns.GetHostAddresses(host).Distinct().ToList();
    }
}
