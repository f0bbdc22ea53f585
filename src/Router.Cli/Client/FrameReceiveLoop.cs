using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Client;

/// <summary>
/// Reads the connection's stream and posts protocol headers and frames, copied out of the pipe, to a bounded channel
/// that the request/response code drains. End of stream or an I/O error completes the channel with a
/// <see cref="TransportClosedException"/> carrying the condition proton would report.
/// </summary>
internal sealed class FrameReceiveLoop
{
    /// <summary>Largest frame accepted from the peer (we advertise no max-frame-size; the router uses 16384).</summary>
    public const uint MaxFrameSize = 16 * 1024 * 1024;

    private readonly Channel<ReceivedItem> _items = Channel.CreateBounded<ReceivedItem>(
        new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<ReceivedItem> Items => _items.Reader;

    public Task Run(Stream stream, CancellationToken cancellationToken) => RunAsync(stream, cancellationToken);

    private async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        Exception? end = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (TryReadItem(ref buffer, out var item))
                    {
                        await _items.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    end = new TransportClosedException("Condition('amqp:connection:framing-error', 'connection aborted')");
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            end = new TransportClosedException("Condition('proton.pythonio', 'connection closed')");
        }
        catch (AmqpDecodeException e)
        {
            end = new TransportClosedException(ProtonCondition.Repr(e.Condition, e.Message));
        }
        catch (IOException e)
        {
            end = new TransportClosedException(ProtonCondition.Repr("proton.pythonio", e.Message));
        }
        catch (ObjectDisposedException)
        {
            end = new TransportClosedException("Condition('proton.pythonio', 'connection closed')");
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            _items.Writer.TryComplete(end);
        }
    }

    private static bool TryReadItem(ref ReadOnlySequence<byte> buffer, out ReceivedItem item)
    {
        item = default;
        if (buffer.Length >= 4)
        {
            Span<byte> magic = stackalloc byte[4];
            buffer.Slice(0, 4).CopyTo(magic);
            if (magic.SequenceEqual("AMQP"u8))
            {
                if (buffer.Length < ProtocolHeader.Length)
                {
                    return false;
                }

                item = new ReceivedItem(buffer.Slice(0, ProtocolHeader.Length).ToArray(), default, []);
                buffer = buffer.Slice(ProtocolHeader.Length);
                return true;
            }
        }

        if (!FrameReader.TryReadFrame(ref buffer, MaxFrameSize, out var header, out var body))
        {
            return false;
        }

        item = new ReceivedItem(null, header, body.ToArray());
        return true;
    }
}
