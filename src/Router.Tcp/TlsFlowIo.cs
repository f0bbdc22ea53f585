using System.Net.Security;

namespace Skrouterd.Tcp;

/// <summary>TLS over a socket (a tcpListener or tcpConnector with an sslProfile).</summary>
internal sealed class TlsFlowIo : FlowIo
{
    private readonly SslStream _ssl;
    private readonly SocketFlowIo _inner;
    private int _closed;

    public TlsFlowIo(SslStream ssl, SocketFlowIo inner)
    {
        _ssl = ssl;
        _inner = inner;
    }

    public override string RemoteAddress => _inner.RemoteAddress;

    public override string? ApplicationProtocol =>
        _ssl.NegotiatedApplicationProtocol.Protocol.IsEmpty ? null : _ssl.NegotiatedApplicationProtocol.ToString();

    public override ValueTask<int> WaitReadableAsync(CancellationToken ct) => _ssl.ReadAsync(Memory<byte>.Empty, ct);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct) => _ssl.ReadAsync(buffer, ct);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct) => _ssl.WriteAsync(buffer, ct);

    public override async ValueTask ShutdownWriteAsync()
    {
        try
        {
            await _ssl.ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }

        await _inner.ShutdownWriteAsync().ConfigureAwait(false);
    }

    public override void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _inner.Close(reset);
            _ssl.Dispose();
        }
    }
}
