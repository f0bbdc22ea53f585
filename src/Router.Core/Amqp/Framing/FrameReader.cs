using System.Buffers;
using System.Buffers.Binary;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>
/// Splits frames off a byte sequence (transport.xml 2.3). The declared size is checked against max-frame-size
/// before waiting for the body, and DOFF against the minimum of 2, so an oversize or corrupt header fails at once.
/// </summary>
public static class FrameReader
{
    /// <summary>
    /// Returns false when more bytes are needed. On success slices the frame off <paramref name="buffer"/> and returns
    /// its header and its body (after the extended header). Throws <see cref="AmqpDecodeException"/> with
    /// amqp:connection:framing-error for an invalid header.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, uint maxFrameSize, out FrameHeader header, out ReadOnlySequence<byte> body)
    {
        body = default;
        header = default;
        if (buffer.Length < FrameHeader.Length)
        {
            return false;
        }

        Span<byte> h = stackalloc byte[FrameHeader.Length];
        buffer.Slice(0, FrameHeader.Length).CopyTo(h);
        uint size = BinaryPrimitives.ReadUInt32BigEndian(h);
        byte doff = h[4];
        header = new FrameHeader(size, doff, h[5], BinaryPrimitives.ReadUInt16BigEndian(h[6..]));
        if (size < FrameHeader.Length)
        {
            throw new AmqpDecodeException($"frame size {size} is smaller than the frame header", AmqpErrors.FramingError);
        }

        if (size > maxFrameSize)
        {
            throw new AmqpDecodeException($"frame size {size} exceeds max-frame-size {maxFrameSize}", AmqpErrors.FramingError);
        }

        if (doff < 2 || doff * 4u > size)
        {
            throw new AmqpDecodeException($"invalid data offset {doff} for a frame of {size} bytes", AmqpErrors.FramingError);
        }

        if (buffer.Length < size)
        {
            return false;
        }

        body = buffer.Slice(doff * 4, size - doff * 4);
        buffer = buffer.Slice(size);
        return true;
    }
}
