using System.Buffers;
using System.Buffers.Binary;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Bench;

/// <summary>
/// A pre-encoded transfer frame (transport.xml 2.3, 2.7.5) carrying one test message (messaging.xml 3.2: properties
/// with message-id and to, application-properties, one data section). It is copied and patched in place for each
/// message: delivery-id, delivery-tag and message-id, and a send timestamp and sequence number in the last
/// <see cref="TrailerLength"/> bytes of the body, where a receiver finds them from the end of the payload whatever
/// sections a router may have put in front.
/// </summary>
public sealed class MessageTemplate
{
    /// <summary>Send timestamp (<see cref="System.Diagnostics.Stopwatch"/> ticks) then sequence number, both big-endian.</summary>
    public const int TrailerLength = 16;

    private readonly byte[] _frame;
    private readonly int _deliveryIdOffset;
    private readonly int _tagOffset;
    private readonly int _messageIdOffset;
    private readonly int _messageOffset;

    public MessageTemplate(string address, int bodySize, bool settled, uint handle = 0)
    {
        if (bodySize < TrailerLength)
        {
            throw new ArgumentOutOfRangeException(nameof(bodySize), $"the body holds a {TrailerLength}-byte trailer");
        }

        var message = EncodeMessage(address, bodySize, out int messageIdOffset);
        var perf = new ArrayBufferWriter<byte>();
        var w = new AmqpWriter(perf);
        w.WriteDescriptor(Descriptors.Transfer);
        var m = AmqpWriter.CreateMeasurer();
        WriteTransferFields(ref m, handle, settled, out _, out _);
        w.WriteListHeader(5, (int)m.BytesWritten);
        int listStart = (int)w.BytesWritten;
        WriteTransferFields(ref w, handle, settled, out int idOffset, out int tagOffset);
        w.Commit();

        int perfLength = perf.WrittenCount;
        _frame = new byte[FrameHeader.Length + perfLength + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(_frame, (uint)_frame.Length);
        _frame[4] = 2;
        _frame[5] = FrameHeader.TypeAmqp;
        perf.WrittenSpan.CopyTo(_frame.AsSpan(FrameHeader.Length));
        _messageOffset = FrameHeader.Length + perfLength;
        message.CopyTo(_frame.AsSpan(_messageOffset));
        _deliveryIdOffset = FrameHeader.Length + listStart + idOffset;
        _tagOffset = FrameHeader.Length + listStart + tagOffset;
        _messageIdOffset = _messageOffset + messageIdOffset;
        MessageLength = message.Length;
    }

    /// <summary>Bytes of one whole frame.</summary>
    public int FrameLength => _frame.Length;

    /// <summary>Bytes of the encoded message (the transfer payload).</summary>
    public int MessageLength { get; }

    /// <summary>The frame as encoded for delivery-id 0 and sequence 0.</summary>
    public ReadOnlySpan<byte> Frame => _frame;

    /// <summary>The message (transfer payload) as encoded for sequence 0.</summary>
    public ReadOnlySpan<byte> Message => _frame.AsSpan(_messageOffset);

    /// <summary>Writes the frame for one message into <paramref name="destination"/> (at least <see cref="FrameLength"/> bytes).</summary>
    public void Write(Span<byte> destination, uint deliveryId, ulong sequence, long timestamp)
    {
        var frame = destination[.._frame.Length];
        _frame.CopyTo(frame);
        BinaryPrimitives.WriteUInt32BigEndian(frame[_deliveryIdOffset..], deliveryId);
        BinaryPrimitives.WriteUInt64BigEndian(frame[_tagOffset..], sequence);
        BinaryPrimitives.WriteUInt64BigEndian(frame[_messageIdOffset..], sequence);
        BinaryPrimitives.WriteInt64BigEndian(frame[^TrailerLength..], timestamp);
        BinaryPrimitives.WriteUInt64BigEndian(frame[^8..], sequence);
    }

    /// <summary>Reads the send timestamp from the end of a received message's last frame; false if the frame is too short.</summary>
    public static bool TryReadTimestamp(in ReadOnlySequence<byte> payload, out long timestamp)
    {
        timestamp = 0;
        if (payload.Length < TrailerLength)
        {
            return false;
        }

        Span<byte> trailer = stackalloc byte[8];
        payload.Slice(payload.Length - TrailerLength, 8).CopyTo(trailer);
        timestamp = BinaryPrimitives.ReadInt64BigEndian(trailer);
        return true;
    }

    /// <summary>
    /// The message: properties (message-id as a full ulong, user-id null, to), application-properties with two
    /// entries, and a data section of <paramref name="bodySize"/> bytes.
    /// </summary>
    public static byte[] EncodeMessage(string address, int bodySize, out int messageIdOffset)
    {
        var buffer = new ArrayBufferWriter<byte>(bodySize + 256);
        var w = new AmqpWriter(buffer);
        w.WriteDescriptor(Descriptors.Properties);
        var m = AmqpWriter.CreateMeasurer();
        WriteProperties(ref m, address);
        w.WriteListHeader(3, (int)m.BytesWritten);
        messageIdOffset = (int)w.BytesWritten + 1;
        WriteProperties(ref w, address);
        w.WriteDescriptor(Descriptors.ApplicationProperties);
        w.WriteValue(new AmqpMap { { "producer", "skrouterd-bench" }, { "body-size", bodySize } });
        w.WriteDescriptor(Descriptors.Data);
        var body = new byte[bodySize];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = (byte)('a' + (i % 26));
        }

        w.WriteBinary(body);
        w.Commit();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteProperties(ref AmqpWriter w, string address)
    {
        w.WriteULongFull(0);
        w.WriteNull();
        w.WriteString(address);
    }

    /// <summary>handle, delivery-id (full uint), delivery-tag (8 bytes), message-format 0, settled.</summary>
    private static void WriteTransferFields(ref AmqpWriter w, uint handle, bool settled, out int deliveryIdOffset, out int tagOffset)
    {
        long start = w.BytesWritten;
        w.WriteUInt(handle);
        deliveryIdOffset = (int)(w.BytesWritten - start) + 1;
        w.WriteUIntFull(0);
        tagOffset = (int)(w.BytesWritten - start) + 2;
        w.WriteBinary(stackalloc byte[8]);
        w.WriteUInt(0);
        w.WriteBoolean(settled);
    }
}
