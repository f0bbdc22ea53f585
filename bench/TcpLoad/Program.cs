using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

// Load generator for the TCP adaptor benchmarks (bench/tcp/run-tcp.sh):
//   echo-server PORT                       echo every connection until EOF, then half-close
//   connrate PORT CONCURRENCY SECONDS      short flows: connect, 64-byte echo, close; prints JSON {flows, perSecond}
//   idle PORT COUNT HOLDFILE               opens COUNT flows, echoes 1 byte on each, prints "ready", holds them
//                                          open until HOLDFILE exists, then closes them
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: TcpLoad echo-server PORT | connrate PORT CONCURRENCY SECONDS | idle PORT COUNT HOLDFILE");
    return 2;
}

int port = int.Parse(args[1]);
switch (args[0])
{
    case "echo-server":
        await EchoServerAsync(port);
        return 0;
    case "connrate":
        return await ConnRateAsync(port, int.Parse(args[2]), double.Parse(args[3]));
    case "idle":
        return await IdleAsync(port, int.Parse(args[2]), args[3]);
    default:
        Console.Error.WriteLine($"unknown mode {args[0]}");
        return 2;
}

static async Task EchoServerAsync(int port)
{
    using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
    listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
    listener.Listen(4096);
    Console.WriteLine("listening");
    while (true)
    {
        var socket = await listener.AcceptAsync();
        _ = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                socket.NoDelay = true;
                while (true)
                {
                    int n = await socket.ReceiveAsync(buffer, SocketFlags.None);
                    if (n == 0)
                    {
                        break;
                    }

                    await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
            }
            finally
            {
                socket.Dispose();
            }
        });
    }
}

static async Task<int> ConnRateAsync(int port, int concurrency, double seconds)
{
    var payload = new byte[64];
    Random.Shared.NextBytes(payload);
    long flows = 0, errors = 0;
    var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    var start = Stopwatch.GetTimestamp();
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        var buffer = new byte[64];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await s.ConnectAsync(IPAddress.Loopback, port);
                await s.SendAsync(payload, SocketFlags.None);
                int got = 0;
                while (got < 64)
                {
                    int n = await s.ReceiveAsync(buffer.AsMemory(got), SocketFlags.None);
                    if (n == 0)
                    {
                        throw new SocketException((int)SocketError.ConnectionReset);
                    }

                    got += n;
                }

                s.Shutdown(SocketShutdown.Send);
                while (await s.ReceiveAsync(buffer, SocketFlags.None) > 0)
                {
                }

                Interlocked.Increment(ref flows);
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }).ToArray();
    await Task.WhenAll(workers);
    double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
    Console.WriteLine(JsonSerializer.Serialize(new { flows, errors, seconds = elapsed, perSecond = flows / elapsed }));
    return 0;
}

static async Task<int> IdleAsync(int port, int count, string holdFile)
{
    var sockets = new List<Socket>(count);
    var one = new byte[1];
    for (int i = 0; i < count; i++)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await s.ConnectAsync(IPAddress.Loopback, port);
        await s.SendAsync(one, SocketFlags.None);
        if (await s.ReceiveAsync(one, SocketFlags.None) != 1)
        {
            Console.Error.WriteLine($"flow {i}: no echo");
            return 1;
        }

        sockets.Add(s);
    }

    Console.WriteLine("ready");
    while (!File.Exists(holdFile))
    {
        await Task.Delay(100);
    }

    foreach (var s in sockets)
    {
        s.Dispose();
    }

    return 0;
}
