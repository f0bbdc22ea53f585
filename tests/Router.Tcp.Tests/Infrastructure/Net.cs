using System.Net;
using System.Net.Sockets;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>Loopback socket helpers for the tests' clients and servers.</summary>
internal static class Net
{
    public static readonly IPAddress Loopback = IPAddress.Loopback;

    /// <summary>A port that was free a moment ago (bind port 0, read it, close).</summary>
    public static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    public static async Task<Socket> ConnectAsync(int port, CancellationToken ct = default)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await s.ConnectAsync(new IPEndPoint(Loopback, port), ct).ConfigureAwait(false);
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    /// <summary>Connects, or returns the socket error (e.g. ConnectionRefused).</summary>
    public static async Task<SocketError> TryConnectAsync(int port)
    {
        try
        {
            using var s = await ConnectAsync(port).ConfigureAwait(false);
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    public static async Task SendAllAsync(Socket s, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        while (!data.IsEmpty)
        {
            int n = await s.SendAsync(data, SocketFlags.None, ct).ConfigureAwait(false);
            data = data[n..];
        }
    }

    /// <summary>Reads until the peer's FIN; returns everything read.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket s, CancellationToken ct = default)
    {
        var result = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int n = await s.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
            {
                return result.ToArray();
            }

            result.Write(buffer, 0, n);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; fewer means the peer closed early.</summary>
    public static async Task<byte[]> ReadExactlyAsync(Socket s, int count, CancellationToken ct = default)
    {
        var buffer = new byte[count];
        int got = 0;
        while (got < count)
        {
            int n = await s.ReceiveAsync(buffer.AsMemory(got), SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
            {
                throw new EndOfStreamException($"peer closed after {got} of {count} bytes");
            }

            got += n;
        }

        return buffer;
    }

    /// <summary>
    /// Reads until the connection ends; returns how it ended: 0 = FIN, or the socket error (reset). Bytes read are
    /// counted, not kept.
    /// </summary>
    public static async Task<(long Bytes, SocketError End)> DrainAsync(Socket s, CancellationToken ct = default)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        try
        {
            while (true)
            {
                int n = await s.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    return (total, SocketError.Success);
                }

                total += n;
            }
        }
        catch (SocketException e)
        {
            return (total, e.SocketErrorCode);
        }
    }

    /// <summary>Closes with a reset (linger 0) rather than a FIN.</summary>
    public static void Reset(Socket s)
    {
        s.LingerState = new LingerOption(true, 0);
        s.Dispose();
    }
}
