using System.Buffers;
using System.Buffers.Binary;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>Writes frames (transport.xml 2.3): header, performative, optional payload.</summary>
public static class FrameWriter
{
    /// <summary>Size in bytes of a performative's encoding.</summary>
    public static int Measure(DescribedList performative)
    {
        var m = AmqpWriter.CreateMeasurer();
        performative.Encode(ref m);
        return checked((int)m.BytesWritten);
    }

    /// <summary>Writes a whole frame; returns its size.</summary>
    public static int Write(IBufferWriter<byte> output, byte type, ushort channel, DescribedList performative, ReadOnlySpan<byte> payload = default)
    {
        int size = WriteHeaderAndPerformative(output, type, channel, performative, payload.Length);
        if (!payload.IsEmpty)
        {
            output.Write(payload);
        }

        return size;
    }

    /// <summary>Writes the frame header and performative of a frame whose payload the caller writes next.</summary>
    public static int WriteHeaderAndPerformative(IBufferWriter<byte> output, byte type, ushort channel, DescribedList performative, int payloadLength)
    {
        int perf = Measure(performative);
        int size = FrameHeader.Length + perf + payloadLength;
        var h = output.GetSpan(FrameHeader.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h, (uint)size);
        h[4] = 2;
        h[5] = type;
        BinaryPrimitives.WriteUInt16BigEndian(h[6..], channel);
        output.Advance(FrameHeader.Length);
        var w = new AmqpWriter(output);
        performative.Encode(ref w);
        w.Commit();
        return size;
    }

    /// <summary>An empty frame, sent as a heartbeat (transport.xml 2.4.5).</summary>
    public static ReadOnlySpan<byte> EmptyFrame => [0, 0, 0, 8, 2, 0, 0, 0];
}
