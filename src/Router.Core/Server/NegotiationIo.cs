using System.Buffers;
using System.IO.Pipelines;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Transport;

namespace Skrouterd.Server;

/// <summary>Reads protocol headers and SASL frames during connection set-up (before the AMQP connection starts).</summary>
internal static class NegotiationIo
{
    private const uint MaxSaslFrame = 64 * 1024;

    /// <summary>Reads 8 header bytes; returns null at end of stream.</summary>
    public static async Task<byte[]?> ReadHeaderAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= ProtocolHeader.Length)
            {
                var header = buffer.Slice(0, ProtocolHeader.Length).ToArray();
                input.AdvanceTo(buffer.GetPosition(ProtocolHeader.Length));
                return header;
            }

            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                return buffer.IsEmpty ? null : buffer.ToArray();
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads one SASL frame; null at end of stream.</summary>
    public static async Task<DescribedList?> ReadSaslFrameAsync(PipeReader input, PerformativeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (FrameReader.TryReadFrame(ref buffer, MaxSaslFrame, out var header, out var body))
            {
                if (header.Type != FrameHeader.TypeSasl)
                {
                    input.AdvanceTo(buffer.Start);
                    throw new AmqpDecodeException($"expected a SASL frame, received frame type {header.Type}", AmqpErrors.FramingError);
                }

                var frame = reader.ReadSasl(body);
                input.AdvanceTo(buffer.Start);
                return frame;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    public static ReadOnlyMemory<byte> Frame(DescribedList frame)
    {
        var w = new ArrayBufferWriter<byte>();
        FrameWriter.Write(w, FrameHeader.TypeSasl, 0, frame);
        return w.WrittenMemory;
    }

    public static ReadOnlyMemory<byte> Concat(ReadOnlySpan<byte> a, ReadOnlyMemory<byte> b)
    {
        var result = new byte[a.Length + b.Length];
        a.CopyTo(result);
        b.Span.CopyTo(result.AsSpan(a.Length));
        return result;
    }

    /// <summary>Our AMQP header, an open and a close carrying the error (how Proton reports a bad header).</summary>
    public static ReadOnlyMemory<byte> HeaderMismatch(string containerId, string description)
    {
        var w = new ArrayBufferWriter<byte>();
        w.Write(ProtocolHeader.Amqp);
        FrameWriter.Write(w, FrameHeader.TypeAmqp, 0, new Open { ContainerId = containerId });
        FrameWriter.Write(w, FrameHeader.TypeAmqp, 0, new Close { Error = new AmqpError(AmqpErrors.FramingError, description) });
        return w.WrittenMemory;
    }

    public static string Describe(byte[]? header) =>
        header is null ? "connection closed" : "'" + string.Concat(header.Select(b => b is >= 32 and < 127 ? ((char)b).ToString() : $"\\x{b:x2}")) + "'";
}
