using System.Buffers;
using System.IO.Pipelines;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// A connection over a stream, in practice TLS (<see cref="System.Net.Security.SslStream"/>). Output segments are
/// coalesced into TLS-record-sized writes (encryption copies the bytes anyway).
/// </summary>
internal sealed class StreamTransport : ITransport
{
    private const int StagingSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly Action _closeUnderlying;
    private readonly byte[] _staging = new byte[StagingSize];
    private int _closed;

    public StreamTransport(Stream stream, string remoteAddress, string localAddress, TlsInfo? tls, Action closeUnderlying)
    {
        _stream = stream;
        _closeUnderlying = closeUnderlying;
        RemoteAddress = remoteAddress;
        LocalAddress = localAddress;
        Tls = tls;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true, useZeroByteReads: true));
    }

    public PipeReader Input { get; }

    public string RemoteAddress { get; }

    public string LocalAddress { get; }

    public TlsInfo? Tls { get; }

    public async ValueTask SendAsync(OutputBatch batch, CancellationToken cancellationToken)
    {
        batch.Finish();
        int staged = 0;
        foreach (var segment in batch.Segments)
        {
            var s = segment.AsMemory();
            while (!s.IsEmpty)
            {
                if (staged == 0 && s.Length >= StagingSize)
                {
                    await _stream.WriteAsync(s, cancellationToken);
                    break;
                }

                int n = Math.Min(s.Length, StagingSize - staged);
                s[..n].CopyTo(_staging.AsMemory(staged));
                staged += n;
                s = s[n..];
                if (staged == StagingSize)
                {
                    await _stream.WriteAsync(_staging, cancellationToken);
                    staged = 0;
                }
            }
        }

        if (staged > 0)
        {
            await _stream.WriteAsync(_staging.AsMemory(0, staged), cancellationToken);
        }

        await _stream.FlushAsync(cancellationToken);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _closeUnderlying();
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            try
            {
                if (_stream is System.Net.Security.SslStream ssl)
                {
                    await ssl.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(1));
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or TimeoutException or InvalidOperationException)
            {
            }

            _closeUnderlying();
            try
            {
                await _stream.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
            }
        }
    }
}
