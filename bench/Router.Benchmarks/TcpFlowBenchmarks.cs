using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Skrouterd.Config;
using Skrouterd.Hosting;
using Skrouterd.Tcp;

namespace Skrouterd.Benchmarks;

/// <summary>
/// The TCP adaptor's byte pump: one flow through a whole router in this process (tcpListener → tcpConnector, real
/// loopback sockets) to an echo server. Each operation sends <see cref="Chunk"/> bytes from the client and reads them
/// back, so the bytes cross the router twice (client → server and back), each time read into a message's content
/// blocks and written from them. The client and the echo server use blocking sockets on their own threads with
/// buffers made in the set-up: they allocate nothing, and the reported bytes per operation are the router's.
/// </summary>
public class TcpFlowBenchmarks
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(10);

    private RouterRuntime? _runtime;
    private Socket? _server;
    private Socket? _client;
    private byte[] _buffer = [];

    /// <summary>Bytes per round trip: an interactive exchange, and a bulk one.</summary>
    [Params(1024, 65536)]
    public int Chunk { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // As skrouterd does at start-up (SocketCompletionMode): socket completions on the I/O threads.
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
        {
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        }

        _buffer = new byte[Chunk];
        new Random(1).NextBytes(_buffer);
        _server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _server.Listen(16);
        new Thread(AcceptEchoes) { IsBackground = true, Name = "echo-accept" }.Start();
        int serverPort = ((IPEndPoint)_server.LocalEndPoint!).Port;

        var config = ConfigLoader.Parse(
            $$"""
            [
              ["router", {"id": "bench", "mode": "standalone"}],
              ["tcpConnector", {"name": "c", "host": "127.0.0.1", "port": "{{serverPort}}", "address": "echo"}],
              ["tcpListener", {"name": "l", "host": "127.0.0.1", "port": "0", "address": "echo"}]
            ]
            """,
            "bench.json");
        _runtime = new RouterRuntime(config, NullLoggerFactory.Instance, null, TimeProvider.System);
        var host = new TcpAdaptorHost(new TcpAdaptor(_runtime.Core, _runtime.Server.FindSslProfile));
        _runtime.Adaptors.Add(host);
        _runtime.Start();

        var listener = host.Adaptor.Listeners.Single();
        var deadline = DateTime.UtcNow + SetupTimeout;
        while (listener.BoundPort == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the tcpListener did not open");
            }

            Thread.Sleep(10);
        }

        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _client.Connect(new IPEndPoint(IPAddress.Loopback, listener.BoundPort));
        _client.ReceiveTimeout = (int)SetupTimeout.TotalMilliseconds;
        RoundTrip(); // the flow is set up (and the connector's connection made) before anything is measured
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _server?.Dispose();
        if (_runtime is not null)
        {
            _runtime.StopAsync(TimeSpan.FromSeconds(2)).GetAwaiter().GetResult();
            _runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Sends one chunk through the router to the echo server and reads it back.</summary>
    [Benchmark]
    public int RoundTrip()
    {
        var client = _client!;
        int sent = 0;
        while (sent < _buffer.Length)
        {
            sent += client.Send(_buffer, sent, _buffer.Length - sent, SocketFlags.None);
        }

        int received = 0;
        while (received < _buffer.Length)
        {
            int n = client.Receive(_buffer, received, _buffer.Length - received, SocketFlags.None);
            if (n == 0)
            {
                throw new InvalidOperationException("the router closed the flow");
            }

            received += n;
        }

        return received;
    }

    private void AcceptEchoes()
    {
        while (true)
        {
            Socket s;
            try
            {
                s = _server!.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            new Thread(() => Echo(s)) { IsBackground = true, Name = "echo" }.Start();
        }
    }

    private static void Echo(Socket s)
    {
        var buffer = new byte[256 * 1024];
        using (s)
        {
            try
            {
                while (true)
                {
                    int n = s.Receive(buffer);
                    if (n == 0)
                    {
                        return;
                    }

                    int sent = 0;
                    while (sent < n)
                    {
                        sent += s.Send(buffer, sent, n - sent, SocketFlags.None);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
