using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>A delivery tag (at most 32 bytes, transport.xml 2.8.7) held inline so transfers decode without allocating.</summary>
public struct DeliveryTag
{
    public const int MaxLength = 32;

    private TagBytes _bytes;
    private byte _length;

    public readonly int Length => _length;

    public static DeliveryTag FromSpan(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength)
        {
            throw new AmqpDecodeException($"delivery-tag of {bytes.Length} bytes exceeds {MaxLength}", AmqpErrors.InvalidField);
        }

        var t = default(DeliveryTag);
        bytes.CopyTo(t._bytes);
        t._length = (byte)bytes.Length;
        return t;
    }

    public static DeliveryTag FromUInt64(ulong value)
    {
        var t = default(DeliveryTag);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(t._bytes, value);
        t._length = 8;
        return t;
    }

    [UnscopedRef]
    public ReadOnlySpan<byte> Span => MemoryMarshal.CreateReadOnlySpan(ref _bytes[0], _length);

    public override readonly string ToString() => Convert.ToHexString(((ReadOnlySpan<byte>)_bytes)[.._length]);

    [InlineArray(MaxLength)]
    private struct TagBytes
    {
        private byte _element;
    }
}
