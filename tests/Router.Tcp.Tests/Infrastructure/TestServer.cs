using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>
/// A backend server on 127.0.0.1 (port 0) running a handler per accepted connection; counts connections and keeps
/// handler failures for the test to inspect. The socket is disposed when its handler returns.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly Socket _listen;
    private readonly Func<Socket, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly Task _acceptLoop;
    private int _accepted;
    private int _active;

    public TestServer(Func<Socket, CancellationToken, Task> handler)
    {
        _handler = handler;
        _listen = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listen.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listen.Listen(4096);
        Port = ((IPEndPoint)_listen.LocalEndPoint!).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections whose handler is still running.</summary>
    public int Active => Volatile.Read(ref _active);

    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Echoes every byte; on the client's FIN it half-closes back and ends.</summary>
    public static TestServer Echo() => new(EchoAsync);

    public static async Task EchoAsync(Socket s, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int n = await s.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            await Net.SendAllAsync(s, buffer.AsMemory(0, n), ct).ConfigureAwait(false);
        }

        s.Shutdown(SocketShutdown.Send);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket s;
            try
            {
                s = await _listen.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _active);
            var t = RunAsync(s);
            _running.TryAdd(t, 0);
            _ = t.ContinueWith(static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _), _running, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(Socket s)
    {
        await Task.Yield();
        try
        {
            await _handler(s, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The router (or the test) ended the connection: expected in the error tests.
        }
        catch (Exception e)
        {
            Errors.Enqueue(e);
        }
        finally
        {
            s.Dispose();
            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>Stops accepting (later connections are refused); running handlers go on.</summary>
    public void StopListening() => _listen.Dispose();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listen.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        _stop.Dispose();
    }
}
