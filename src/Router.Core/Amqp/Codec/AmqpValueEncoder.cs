using System.Buffers.Binary;
using System.Text;

namespace Skrouterd.Amqp.Codec;

/// <summary>
/// Encodes the generic object model (the inverse of <see cref="AmqpReader.ReadValue"/>). Used off the data path:
/// management bodies, open properties, terminus properties. Compounds are measured before their headers are written.
/// </summary>
internal static class AmqpValueEncoder
{
    public static long SizeOf(object? value)
    {
        var m = AmqpWriter.CreateMeasurer();
        Write(ref m, value);
        return m.BytesWritten;
    }

    public static void Write(ref AmqpWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNull();
                break;
            case bool b:
                w.WriteBoolean(b);
                break;
            case byte v:
                w.WriteUByte(v);
                break;
            case ushort v:
                w.WriteUShort(v);
                break;
            case uint v:
                w.WriteUInt(v);
                break;
            case ulong v:
                w.WriteULong(v);
                break;
            case sbyte v:
                w.WriteByte(v);
                break;
            case short v:
                w.WriteShort(v);
                break;
            case int v:
                w.WriteInt(v);
                break;
            case long v:
                w.WriteLong(v);
                break;
            case float v:
                w.WriteFloat(v);
                break;
            case double v:
                w.WriteDouble(v);
                break;
            case AmqpDecimal32 v:
                w.WriteDecimal32(v);
                break;
            case AmqpDecimal64 v:
                w.WriteDecimal64(v);
                break;
            case AmqpDecimal128 v:
                w.WriteDecimal128(v);
                break;
            case AmqpChar v:
                w.WriteChar(v);
                break;
            case char c:
                w.WriteChar(new AmqpChar(c));
                break;
            case AmqpTimestamp v:
                w.WriteTimestamp(v);
                break;
            case DateTimeOffset v:
                w.WriteTimestamp(AmqpTimestamp.FromDateTimeOffset(v));
                break;
            case Guid v:
                w.WriteUuid(v);
                break;
            case byte[] v:
                w.WriteBinary(v);
                break;
            case ReadOnlyMemory<byte> v:
                w.WriteBinary(v.Span);
                break;
            case string v:
                w.WriteString(v);
                break;
            case AmqpSymbol v:
                w.WriteSymbol(v);
                break;
            case AmqpMap map:
                WriteMap(ref w, map);
                break;
            case AmqpArray array:
                WriteArray(ref w, array);
                break;
            case DescribedValue d:
                w.WriteByteRaw(FormatCode.Described);
                Write(ref w, d.Descriptor);
                Write(ref w, d.Value);
                break;
            case IAmqpEncodable e:
                e.Encode(ref w);
                break;
            case System.Collections.IList list:
                WriteList(ref w, list);
                break;
            default:
                throw new ArgumentException($"cannot encode a value of type {value.GetType()} as AMQP");
        }
    }

    // Compounds are measured from their elements' sizes and never by writing their elements into the measurer as
    // well: that would measure each level twice, and cost 2^depth for the 64 levels of nesting a reader accepts.
    private static void WriteList(ref AmqpWriter w, System.Collections.IList list)
    {
        long body = ListBodySize(list);
        w.WriteListHeader(list.Count, checked((int)body));
        WriteListItems(ref w, list, body);
    }

    private static long ListBodySize(System.Collections.IList list)
    {
        long body = 0;
        foreach (var item in list)
        {
            body += SizeOf(item);
        }

        return body;
    }

    private static void WriteListItems(ref AmqpWriter w, System.Collections.IList list, long body)
    {
        if (w.IsMeasuring)
        {
            w.AddMeasured(body);
            return;
        }

        foreach (var item in list)
        {
            Write(ref w, item);
        }
    }

    private static void WriteMap(ref AmqpWriter w, AmqpMap map)
    {
        long body = MapBodySize(map);
        w.WriteMapHeader(map.Count * 2, checked((int)body));
        WriteMapEntries(ref w, map, body);
    }

    private static long MapBodySize(AmqpMap map)
    {
        long body = 0;
        foreach (var e in map)
        {
            body += SizeOf(e.Key) + SizeOf(e.Value);
        }

        return body;
    }

    private static void WriteMapEntries(ref AmqpWriter w, AmqpMap map, long body)
    {
        if (w.IsMeasuring)
        {
            w.AddMeasured(body);
            return;
        }

        foreach (var e in map)
        {
            Write(ref w, e.Key);
            Write(ref w, e.Value);
        }
    }

    /// <summary>
    /// Writes an array: with its own constructor (array8 when it fits), or as an element of an enclosing array
    /// (<paramref name="asElement"/>: no constructor, always the 32-bit size and count that constructor promised).
    /// </summary>
    private static void WriteArray(ref AmqpWriter w, AmqpArray array, bool asElement = false)
    {
        byte code = ElementConstructor(array);
        long descriptorSize = array.ElementDescriptor is null ? 0 : 1 + SizeOf(array.ElementDescriptor);
        long elements = 0;
        foreach (var item in array.Items)
        {
            elements += ElementSize(code, item);
        }

        long body = 1 + descriptorSize + elements; // element constructor (+ descriptor), elements
        int count = array.Items.Count;
        Span<byte> n = stackalloc byte[8];
        if (!asElement && count <= byte.MaxValue && body + 1 <= byte.MaxValue)
        {
            w.WriteByteRaw(FormatCode.Array8);
            w.WriteByteRaw((byte)(body + 1));
            w.WriteByteRaw((byte)count);
        }
        else
        {
            if (!asElement)
            {
                w.WriteByteRaw(FormatCode.Array32);
            }

            BinaryPrimitives.WriteInt32BigEndian(n, checked((int)(body + 4)));
            BinaryPrimitives.WriteInt32BigEndian(n[4..], count);
            w.WriteRaw(n);
        }

        if (array.ElementDescriptor is not null)
        {
            w.WriteByteRaw(FormatCode.Described);
            Write(ref w, array.ElementDescriptor);
        }

        w.WriteByteRaw(code);
        if (w.IsMeasuring)
        {
            w.AddMeasured(elements);
            return;
        }

        foreach (var item in array.Items)
        {
            WriteElement(ref w, code, item);
        }
    }

    /// <summary>The constructor used for every element: full-width forms, 8-bit lengths only when all fit.</summary>
    private static byte ElementConstructor(AmqpArray array)
    {
        switch (array.ElementCode)
        {
            case FormatCode.Symbol8:
            case FormatCode.Symbol32:
                return array.Items.All(i => i is AmqpSymbol s && s.Value.Length <= byte.MaxValue) ? FormatCode.Symbol8 : FormatCode.Symbol32;
            case FormatCode.String8:
            case FormatCode.String32:
                return array.Items.All(i => i is string s && Encoding.UTF8.GetByteCount(s) <= byte.MaxValue) ? FormatCode.String8 : FormatCode.String32;
            case FormatCode.Binary8:
            case FormatCode.Binary32:
                return array.Items.All(i => i is byte[] b && b.Length <= byte.MaxValue) ? FormatCode.Binary8 : FormatCode.Binary32;
            case FormatCode.List0:
            case FormatCode.List8:
            case FormatCode.List32:
                return FormatCode.List32;
            case FormatCode.Map8:
            case FormatCode.Map32:
                return FormatCode.Map32;
            case FormatCode.Array8:
            case FormatCode.Array32:
                return FormatCode.Array32;
            case FormatCode.UInt0:
            case FormatCode.SmallUInt:
                return FormatCode.UInt;
            case FormatCode.ULong0:
            case FormatCode.SmallULong:
                return FormatCode.ULong;
            case FormatCode.SmallInt:
                return FormatCode.Int;
            case FormatCode.SmallLong:
                return FormatCode.Long;
            case FormatCode.BooleanTrue:
            case FormatCode.BooleanFalse:
                return FormatCode.Boolean;
            default:
                if (!FormatCode.IsKnown(array.ElementCode))
                {
                    throw new ArgumentException($"invalid array element code 0x{array.ElementCode:x2}");
                }

                return array.ElementCode;
        }
    }

    private static long ElementSize(byte code, object? item)
    {
        var m = AmqpWriter.CreateMeasurer();
        WriteElement(ref m, code, item);
        return m.BytesWritten;
    }

    private static void WriteElement(ref AmqpWriter w, byte code, object? item)
    {
        Span<byte> b = stackalloc byte[16];
        switch (code)
        {
            case FormatCode.Null:
                return;
            case FormatCode.Boolean:
                w.WriteByteRaw((bool)item! ? (byte)1 : (byte)0);
                return;
            case FormatCode.UByte:
                w.WriteByteRaw(Convert.ToByte(item));
                return;
            case FormatCode.Byte:
                w.WriteByteRaw((byte)Convert.ToSByte(item));
                return;
            case FormatCode.UShort:
                BinaryPrimitives.WriteUInt16BigEndian(b, Convert.ToUInt16(item));
                w.WriteRaw(b[..2]);
                return;
            case FormatCode.Short:
                BinaryPrimitives.WriteInt16BigEndian(b, Convert.ToInt16(item));
                w.WriteRaw(b[..2]);
                return;
            case FormatCode.UInt:
                BinaryPrimitives.WriteUInt32BigEndian(b, Convert.ToUInt32(item));
                w.WriteRaw(b[..4]);
                return;
            case FormatCode.Int:
                BinaryPrimitives.WriteInt32BigEndian(b, Convert.ToInt32(item));
                w.WriteRaw(b[..4]);
                return;
            case FormatCode.Float:
                BinaryPrimitives.WriteSingleBigEndian(b, (float)item!);
                w.WriteRaw(b[..4]);
                return;
            case FormatCode.Char:
                BinaryPrimitives.WriteUInt32BigEndian(b, ((AmqpChar)item!).CodePoint);
                w.WriteRaw(b[..4]);
                return;
            case FormatCode.Decimal32:
                BinaryPrimitives.WriteUInt32BigEndian(b, ((AmqpDecimal32)item!).Bits);
                w.WriteRaw(b[..4]);
                return;
            case FormatCode.ULong:
                BinaryPrimitives.WriteUInt64BigEndian(b, Convert.ToUInt64(item));
                w.WriteRaw(b[..8]);
                return;
            case FormatCode.Long:
                BinaryPrimitives.WriteInt64BigEndian(b, Convert.ToInt64(item));
                w.WriteRaw(b[..8]);
                return;
            case FormatCode.Double:
                BinaryPrimitives.WriteDoubleBigEndian(b, (double)item!);
                w.WriteRaw(b[..8]);
                return;
            case FormatCode.Timestamp:
                BinaryPrimitives.WriteInt64BigEndian(b, ((AmqpTimestamp)item!).Milliseconds);
                w.WriteRaw(b[..8]);
                return;
            case FormatCode.Decimal64:
                BinaryPrimitives.WriteUInt64BigEndian(b, ((AmqpDecimal64)item!).Bits);
                w.WriteRaw(b[..8]);
                return;
            case FormatCode.Uuid:
                ((Guid)item!).TryWriteBytes(b, bigEndian: true, out _);
                w.WriteRaw(b[..16]);
                return;
            case FormatCode.Decimal128:
                var d = (AmqpDecimal128)item!;
                BinaryPrimitives.WriteUInt64BigEndian(b, d.High);
                BinaryPrimitives.WriteUInt64BigEndian(b[8..], d.Low);
                w.WriteRaw(b);
                return;
            case FormatCode.Symbol8:
            case FormatCode.Symbol32:
                {
                    string s = ((AmqpSymbol)item!).Value;
                    WriteLength(ref w, code == FormatCode.Symbol8, s.Length);
                    w.WriteRaw(Encoding.Latin1.GetBytes(s));
                    return;
                }

            case FormatCode.String8:
            case FormatCode.String32:
                {
                    byte[] utf8 = Encoding.UTF8.GetBytes((string)item!);
                    WriteLength(ref w, code == FormatCode.String8, utf8.Length);
                    w.WriteRaw(utf8);
                    return;
                }

            case FormatCode.Binary8:
            case FormatCode.Binary32:
                {
                    byte[] bin = (byte[])item!;
                    WriteLength(ref w, code == FormatCode.Binary8, bin.Length);
                    w.WriteRaw(bin);
                    return;
                }

            case FormatCode.List32:
                {
                    // An element has no constructor of its own: size and count, then the items.
                    var list = (System.Collections.IList)item!;
                    long body = ListBodySize(list);
                    WriteCompoundElementHeader(ref w, body, list.Count);
                    WriteListItems(ref w, list, body);
                    return;
                }

            case FormatCode.Map32:
                {
                    var map = (AmqpMap)item!;
                    long body = MapBodySize(map);
                    WriteCompoundElementHeader(ref w, body, map.Count * 2);
                    WriteMapEntries(ref w, map, body);
                    return;
                }

            case FormatCode.Array32:
                WriteArray(ref w, (AmqpArray)item!, asElement: true);
                return;

            default:
                throw new ArgumentException($"cannot encode array elements of code 0x{code:x2}");
        }
    }

    private static void WriteCompoundElementHeader(ref AmqpWriter w, long body, int count)
    {
        Span<byte> n = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(n, checked((int)(body + 4)));
        BinaryPrimitives.WriteInt32BigEndian(n[4..], count);
        w.WriteRaw(n);
    }

    private static void WriteLength(ref AmqpWriter w, bool small, int length)
    {
        if (small)
        {
            w.WriteByteRaw((byte)length);
        }
        else
        {
            Span<byte> n = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(n, length);
            w.WriteRaw(n);
        }
    }
}

/// <summary>A typed value that knows its own AMQP encoding (performatives, sections, termini, delivery states).</summary>
public interface IAmqpEncodable
{
    void Encode(ref AmqpWriter writer);
}
