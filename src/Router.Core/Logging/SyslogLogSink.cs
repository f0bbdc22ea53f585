using System.Net.Sockets;
using System.Text;

namespace Skrouterd.Logging;

/// <summary>
/// The <c>syslog</c> sink: datagrams to the local syslog socket (<c>/dev/log</c>) with facility <c>daemon</c>, in the
/// form glibc's <c>syslog(3)</c> sends after <c>openlog(NULL, 0, LOG_DAEMON)</c>:
/// <c>&lt;PRI&gt;Mmm dd HH:MM:SS skrouterd: &lt;line&gt;</c>. When the socket does not exist or cannot be reached
/// (e.g. in a container) lines go to the fallback stream (standard error) instead, still without timestamps.
/// </summary>
internal sealed class SyslogLogSink : LogSink
{
    /// <summary>The syslog tag: glibc uses the program's short name.</summary>
    public const string Ident = "skrouterd";

    private const int FacilityDaemon = 3 << 3;

    private static readonly string[] s_months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private readonly string _socketPath;
    private readonly Stream _fallback;
    private readonly StringBuilder _header = new(64);
    private byte[] _buffer = new byte[1024];
    private Socket? _socket;

    public SyslogLogSink(string name, string socketPath, Stream fallback)
        : base(name)
    {
        _socketPath = socketPath;
        _fallback = fallback;
        _socket = TryConnect(socketPath);
    }

    public override bool IsSyslog => true;

    /// <summary>True while lines go to the syslog socket rather than the fallback stream.</summary>
    public bool IsConnected => _socket is not null;

    public override void Write(ReadOnlySpan<byte> line, LogSeverity severity, DateTimeOffset localTime)
    {
        if (_socket is not null)
        {
            int length = BuildDatagram(line, severity, localTime);
            if (TrySend(length))
            {
                return;
            }

            // The syslog daemon may have restarted: reconnect once, then fall back for this line.
            _socket.Dispose();
            _socket = TryConnect(_socketPath);
            if (_socket is not null && TrySend(length))
            {
                return;
            }
        }

        try
        {
            _fallback.Write(line);
            _fallback.Flush();
        }
        catch (IOException)
        {
            // Nowhere to write.
        }
    }

    public override void Dispose()
    {
        _socket?.Dispose();
        _socket = null;
    }

    private static Socket? TryConnect(string path)
    {
        Socket? socket = null;
        try
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return socket;
        }
        catch (Exception e) when (e is SocketException or IOException or ArgumentException or PlatformNotSupportedException)
        {
            socket?.Dispose();
            return null;
        }
    }

    private bool TrySend(int length)
    {
        try
        {
            _socket!.Send(_buffer, 0, length, SocketFlags.None);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private int BuildDatagram(ReadOnlySpan<byte> line, LogSeverity severity, DateTimeOffset localTime)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\n')
        {
            line = line[..^1];
        }

        DateTime t = localTime.DateTime;
        _header.Clear();
        _header.Append('<').Append(FacilityDaemon | LogSeverities.SyslogSeverity(severity)).Append('>');
        _header.Append(s_months[t.Month - 1]).Append(' ');
        if (t.Day < 10)
        {
            _header.Append(' ');
        }

        _header.Append(t.Day).Append(' ');
        Append2(_header, t.Hour).Append(':');
        Append2(_header, t.Minute).Append(':');
        Append2(_header, t.Second).Append(' ');
        _header.Append(Ident).Append(": ");

        int headerBytes = _header.Length; // ASCII only
        int needed = headerBytes + line.Length;
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }

        for (int i = 0; i < headerBytes; i++)
        {
            _buffer[i] = (byte)_header[i];
        }

        line.CopyTo(_buffer.AsSpan(headerBytes));
        return needed;
    }

    private static StringBuilder Append2(StringBuilder sb, int value)
    {
        if (value < 10)
        {
            sb.Append('0');
        }

        return sb.Append(value);
    }
}
