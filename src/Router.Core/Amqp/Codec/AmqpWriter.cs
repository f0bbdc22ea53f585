using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Skrouterd.Amqp.Codec;

/// <summary>The fields of a composite (list-encoded) value: written twice, once to measure, once for real.</summary>
public interface IAmqpFields
{
    /// <summary>Number of fields to encode (trailing absent fields are left out).</summary>
    int FieldCount { get; }

    void WriteFields(ref AmqpWriter writer);
}

/// <summary>
/// Writes AMQP 1.0 encoded values (shared/spec/amqp-1.0/types.xml) into an <see cref="IBufferWriter{T}"/> using
/// the most compact encoding of each value. A writer created with <see cref="CreateMeasurer"/> writes nothing
/// and only counts bytes, which is how compound sizes are found before their headers are written.
/// Call <see cref="Commit"/> when done to advance the underlying buffer writer.
/// </summary>
public ref struct AmqpWriter
{
    private static readonly byte[] s_scratch = new byte[64];

    private readonly IBufferWriter<byte>? _output;
    private Span<byte> _span;
    private int _buffered;
    private long _committed;

    public AmqpWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = output.GetSpan();
        _buffered = 0;
        _committed = 0;
    }

    /// <summary>A writer that only counts the bytes that would be written.</summary>
    public static AmqpWriter CreateMeasurer() => default;

    public readonly bool IsMeasuring => _output is null;

    public readonly long BytesWritten => _committed + _buffered;

    public void Commit()
    {
        if (_output is not null && _buffered > 0)
        {
            _output.Advance(_buffered);
            _committed += _buffered;
            _buffered = 0;
            _span = default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_output is null)
        {
            _committed += count;
            return s_scratch.AsSpan(0, count);
        }

        if (_span.Length - _buffered < count)
        {
            Grow(count);
        }

        var s = _span.Slice(_buffered, count);
        _buffered += count;
        return s;
    }

    private void Grow(int count)
    {
        _output!.Advance(_buffered);
        _committed += _buffered;
        _buffered = 0;
        _span = _output.GetSpan(count);
    }

    /// <summary>Copies raw, already encoded bytes.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        if (_output is null)
        {
            _committed += bytes.Length;
            return;
        }

        while (bytes.Length > 0)
        {
            if (_span.Length - _buffered == 0)
            {
                Grow(Math.Min(bytes.Length, 4096));
            }

            int n = Math.Min(bytes.Length, _span.Length - _buffered);
            bytes[..n].CopyTo(_span[_buffered..]);
            _buffered += n;
            bytes = bytes[n..];
        }
    }

    public void WriteByteRaw(byte b) => Reserve(1)[0] = b;

    /// <summary>
    /// Measuring mode only: counts <paramref name="count"/> bytes already measured elsewhere, so a compound is measured
    /// once from its elements' sizes instead of by writing its elements again (which costs 2^depth for nested values).
    /// </summary>
    internal void AddMeasured(long count)
    {
        if (_output is not null)
        {
            throw new InvalidOperationException("AddMeasured is only valid on a measuring writer");
        }

        _committed += count;
    }

    // ---- primitives -------------------------------------------------------------------------------------------

    public void WriteNull() => Reserve(1)[0] = FormatCode.Null;

    public void WriteBoolean(bool value) => Reserve(1)[0] = value ? FormatCode.BooleanTrue : FormatCode.BooleanFalse;

    public void WriteUByte(byte value)
    {
        var s = Reserve(2);
        s[0] = FormatCode.UByte;
        s[1] = value;
    }

    public void WriteUShort(ushort value)
    {
        var s = Reserve(3);
        s[0] = FormatCode.UShort;
        BinaryPrimitives.WriteUInt16BigEndian(s[1..], value);
    }

    public void WriteUInt(uint value)
    {
        if (value == 0)
        {
            Reserve(1)[0] = FormatCode.UInt0;
        }
        else if (value <= byte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = FormatCode.SmallUInt;
            s[1] = (byte)value;
        }
        else
        {
            var s = Reserve(5);
            s[0] = FormatCode.UInt;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], value);
        }
    }

    /// <summary>Writes a uint with the full four-byte encoding (0x70), as some peers emit it.</summary>
    public void WriteUIntFull(uint value)
    {
        var s = Reserve(5);
        s[0] = FormatCode.UInt;
        BinaryPrimitives.WriteUInt32BigEndian(s[1..], value);
    }

    public void WriteULong(ulong value)
    {
        if (value == 0)
        {
            Reserve(1)[0] = FormatCode.ULong0;
        }
        else if (value <= byte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = FormatCode.SmallULong;
            s[1] = (byte)value;
        }
        else
        {
            WriteULongFull(value);
        }
    }

    /// <summary>Writes a ulong with the full eight-byte encoding (0x80).</summary>
    public void WriteULongFull(ulong value)
    {
        var s = Reserve(9);
        s[0] = FormatCode.ULong;
        BinaryPrimitives.WriteUInt64BigEndian(s[1..], value);
    }

    public void WriteByte(sbyte value)
    {
        var s = Reserve(2);
        s[0] = FormatCode.Byte;
        s[1] = (byte)value;
    }

    public void WriteShort(short value)
    {
        var s = Reserve(3);
        s[0] = FormatCode.Short;
        BinaryPrimitives.WriteInt16BigEndian(s[1..], value);
    }

    public void WriteInt(int value)
    {
        if (value is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = FormatCode.SmallInt;
            s[1] = (byte)(sbyte)value;
        }
        else
        {
            WriteIntFull(value);
        }
    }

    /// <summary>Writes an int with the full four-byte encoding (0x71), as the C router does for statusCode.</summary>
    public void WriteIntFull(int value)
    {
        var s = Reserve(5);
        s[0] = FormatCode.Int;
        BinaryPrimitives.WriteInt32BigEndian(s[1..], value);
    }

    public void WriteLong(long value)
    {
        if (value is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = FormatCode.SmallLong;
            s[1] = (byte)(sbyte)value;
        }
        else
        {
            var s = Reserve(9);
            s[0] = FormatCode.Long;
            BinaryPrimitives.WriteInt64BigEndian(s[1..], value);
        }
    }

    public void WriteFloat(float value)
    {
        var s = Reserve(5);
        s[0] = FormatCode.Float;
        BinaryPrimitives.WriteSingleBigEndian(s[1..], value);
    }

    public void WriteDouble(double value)
    {
        var s = Reserve(9);
        s[0] = FormatCode.Double;
        BinaryPrimitives.WriteDoubleBigEndian(s[1..], value);
    }

    public void WriteDecimal32(AmqpDecimal32 value)
    {
        var s = Reserve(5);
        s[0] = FormatCode.Decimal32;
        BinaryPrimitives.WriteUInt32BigEndian(s[1..], value.Bits);
    }

    public void WriteDecimal64(AmqpDecimal64 value)
    {
        var s = Reserve(9);
        s[0] = FormatCode.Decimal64;
        BinaryPrimitives.WriteUInt64BigEndian(s[1..], value.Bits);
    }

    public void WriteDecimal128(AmqpDecimal128 value)
    {
        var s = Reserve(17);
        s[0] = FormatCode.Decimal128;
        BinaryPrimitives.WriteUInt64BigEndian(s[1..], value.High);
        BinaryPrimitives.WriteUInt64BigEndian(s[9..], value.Low);
    }

    public void WriteChar(AmqpChar value)
    {
        var s = Reserve(5);
        s[0] = FormatCode.Char;
        BinaryPrimitives.WriteUInt32BigEndian(s[1..], value.CodePoint);
    }

    public void WriteTimestamp(AmqpTimestamp value)
    {
        var s = Reserve(9);
        s[0] = FormatCode.Timestamp;
        BinaryPrimitives.WriteInt64BigEndian(s[1..], value.Milliseconds);
    }

    public void WriteUuid(Guid value)
    {
        var s = Reserve(17);
        s[0] = FormatCode.Uuid;
        value.TryWriteBytes(s[1..], bigEndian: true, out _);
    }

    public void WriteBinary(scoped ReadOnlySpan<byte> value)
    {
        WriteVariableHeader(value.Length, FormatCode.Binary8, FormatCode.Binary32);
        WriteRaw(value);
    }

    public void WriteString(string value)
    {
        int len = Encoding.UTF8.GetByteCount(value);
        WriteVariableHeader(len, FormatCode.String8, FormatCode.String32);
        if (_output is null)
        {
            _committed += len;
        }
        else
        {
            Encoding.UTF8.GetBytes(value, Reserve(len));
        }
    }

    public void WriteStringUtf8(scoped ReadOnlySpan<byte> utf8)
    {
        WriteVariableHeader(utf8.Length, FormatCode.String8, FormatCode.String32);
        WriteRaw(utf8);
    }

    /// <summary>Writes a string as str32 regardless of length (the form the C router uses in some sections).</summary>
    public void WriteString32(string value)
    {
        int len = Encoding.UTF8.GetByteCount(value);
        var s = Reserve(5);
        s[0] = FormatCode.String32;
        BinaryPrimitives.WriteInt32BigEndian(s[1..], len);
        if (_output is null)
        {
            _committed += len;
        }
        else
        {
            Encoding.UTF8.GetBytes(value, Reserve(len));
        }
    }

    public void WriteSymbol(AmqpSymbol value) => WriteSymbol(value.Value);

    public void WriteSymbol(string value)
    {
        int len = value.Length;
        WriteVariableHeader(len, FormatCode.Symbol8, FormatCode.Symbol32);
        if (_output is null)
        {
            _committed += len;
        }
        else
        {
            Encoding.Latin1.GetBytes(value, Reserve(len));
        }
    }

    public void WriteSymbol(scoped ReadOnlySpan<byte> ascii)
    {
        WriteVariableHeader(ascii.Length, FormatCode.Symbol8, FormatCode.Symbol32);
        WriteRaw(ascii);
    }

    private void WriteVariableHeader(int length, byte code8, byte code32)
    {
        if (length <= byte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = code8;
            s[1] = (byte)length;
        }
        else
        {
            var s = Reserve(5);
            s[0] = code32;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], length);
        }
    }

    // ---- described types and compounds ------------------------------------------------------------------------

    /// <summary>Writes a numeric descriptor in its compact form (0x00 0x53 nn for codes below 256).</summary>
    public void WriteDescriptor(ulong code)
    {
        Reserve(1)[0] = FormatCode.Described;
        WriteULong(code);
    }

    /// <summary>Writes a numeric descriptor in its eight-byte form (0x00 0x80 ...), required for router annotations.</summary>
    public void WriteDescriptorFull(ulong code)
    {
        Reserve(1)[0] = FormatCode.Described;
        WriteULongFull(code);
    }

    public void WriteDescriptor(AmqpSymbol symbol)
    {
        Reserve(1)[0] = FormatCode.Described;
        WriteSymbol(symbol);
    }

    /// <summary>Writes a list header for a body whose size and count are known.</summary>
    public void WriteListHeader(int count, int bodySize, bool force32 = false)
    {
        if (count == 0 && !force32)
        {
            Reserve(1)[0] = FormatCode.List0;
        }
        else if (!force32 && count <= byte.MaxValue && bodySize + 1 <= byte.MaxValue)
        {
            var s = Reserve(3);
            s[0] = FormatCode.List8;
            s[1] = (byte)(bodySize + 1);
            s[2] = (byte)count;
        }
        else
        {
            var s = Reserve(9);
            s[0] = FormatCode.List32;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], bodySize + 4);
            BinaryPrimitives.WriteInt32BigEndian(s[5..], count);
        }
    }

    /// <summary>Writes a map header (count = keys + values) for a body whose size is known.</summary>
    public void WriteMapHeader(int count, int bodySize, bool force32 = false)
    {
        if (!force32 && count <= byte.MaxValue && bodySize + 1 <= byte.MaxValue)
        {
            var s = Reserve(3);
            s[0] = FormatCode.Map8;
            s[1] = (byte)(bodySize + 1);
            s[2] = (byte)count;
        }
        else
        {
            var s = Reserve(9);
            s[0] = FormatCode.Map32;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], bodySize + 4);
            BinaryPrimitives.WriteInt32BigEndian(s[5..], count);
        }
    }

    /// <summary>Writes a composite's fields as a list, measuring them first.</summary>
    public void WriteList<T>(T fields, bool force32 = false)
        where T : IAmqpFields
    {
        int count = fields.FieldCount;
        var m = CreateMeasurer();
        fields.WriteFields(ref m);
        WriteListHeader(count, checked((int)m.BytesWritten), force32);
        fields.WriteFields(ref this);
    }

    /// <summary>Writes a described composite: descriptor then its fields as a list.</summary>
    public void WriteDescribedList<T>(ulong descriptor, T fields, bool force32 = false)
        where T : IAmqpFields
    {
        WriteDescriptor(descriptor);
        WriteList(fields, force32);
    }

    /// <summary>Writes a value of the generic object model (see <see cref="AmqpReader.ReadValue"/>).</summary>
    public void WriteValue(object? value) => AmqpValueEncoder.Write(ref this, value);

    /// <summary>Writes an array of symbols (sym8 elements unless one is longer than 255).</summary>
    public void WriteSymbolArray(scoped ReadOnlySpan<AmqpSymbol> symbols)
    {
        bool wide = false;
        int body = 0;
        foreach (var s in symbols)
        {
            wide |= s.Value.Length > byte.MaxValue;
            body += s.Value.Length;
        }

        int prefix = wide ? 4 : 1;
        body += symbols.Length * prefix + 1; // element lengths + element constructor
        WriteArrayHeader(symbols.Length, body, wide ? FormatCode.Symbol32 : FormatCode.Symbol8);
        foreach (var s in symbols)
        {
            if (wide)
            {
                BinaryPrimitives.WriteInt32BigEndian(Reserve(4), s.Value.Length);
            }
            else
            {
                Reserve(1)[0] = (byte)s.Value.Length;
            }

            if (_output is null)
            {
                _committed += s.Value.Length;
            }
            else
            {
                Encoding.Latin1.GetBytes(s.Value, Reserve(s.Value.Length));
            }
        }
    }

    /// <summary>Writes an array constructor, size and count; <paramref name="bodySize"/> includes the element constructor.</summary>
    public void WriteArrayHeader(int count, int bodySize, byte elementCode)
    {
        if (count <= byte.MaxValue && bodySize + 1 <= byte.MaxValue)
        {
            var s = Reserve(3);
            s[0] = FormatCode.Array8;
            s[1] = (byte)(bodySize + 1);
            s[2] = (byte)count;
        }
        else
        {
            var s = Reserve(9);
            s[0] = FormatCode.Array32;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], bodySize + 4);
            BinaryPrimitives.WriteInt32BigEndian(s[5..], count);
        }

        // the element constructor is counted in bodySize by the caller
        Reserve(1)[0] = elementCode;
    }
}
