using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Skrouterd.Amqp.Codec;

/// <summary>
/// Reads AMQP 1.0 encoded values (shared/spec/amqp-1.0/types.xml) from a contiguous span.
/// Every typed read accepts every encoding of its type (e.g. uint0, smalluint and uint for a uint field).
/// Sizes and counts read from the wire are checked against the remaining bytes before anything is allocated,
/// and nesting is limited, so hostile input can only ever raise <see cref="AmqpDecodeException"/>.
/// Callers holding a multi-segment <c>ReadOnlySequence</c> linearise the bytes they need first
/// (see <see cref="Framing.FrameReader"/>); the hot fields are read without allocating.
/// </summary>
public ref struct AmqpReader
{
    /// <summary>Deepest nesting of compound values accepted by <see cref="ReadValue"/> and <see cref="SkipValue"/>.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Array elements of zero width (null, true, false, uint0, ulong0, list0) take no bytes, so their count is not
    /// bounded by the input; a reader accepts at most this many of them beyond one per byte of its buffer, in total.
    /// Without a reader-wide limit a 9-byte array32 could declare 65536 of them and a 64 KiB message gigabytes.
    /// </summary>
    public const int MaxZeroWidthElements = 65536;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private int _pos;
    private int _depth;
    private int _fieldsRemaining;
    private long _zeroWidthElements;

    public AmqpReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _pos = 0;
        _depth = 0;
        _fieldsRemaining = 0;
        _zeroWidthElements = 0;
    }

    public readonly int Position => _pos;

    public readonly int Remaining => _buffer.Length - _pos;

    public readonly bool IsAtEnd => _pos >= _buffer.Length;

    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    public readonly ReadOnlySpan<byte> Unread => _buffer[_pos..];

    /// <summary>Moves to an absolute position inside the buffer (used to jump to the end of a compound).</summary>
    public void Seek(int position)
    {
        if ((uint)position > (uint)_buffer.Length)
        {
            Throw("seek beyond end of buffer");
        }

        _pos = position;
    }

    public readonly byte PeekFormatCode()
    {
        if (_pos >= _buffer.Length)
        {
            Throw("unexpected end of data");
        }

        return _buffer[_pos];
    }

    public byte ReadFormatCode()
    {
        byte b = PeekFormatCode();
        _pos++;
        return b;
    }

    /// <summary>Consumes a null (0x40) if it is next; true if it did.</summary>
    public bool TryReadNull()
    {
        if (_pos < _buffer.Length && _buffer[_pos] == FormatCode.Null)
        {
            _pos++;
            return true;
        }

        return false;
    }

    /// <summary>True when the next value is null or the reader is at the end (an absent trailing field).</summary>
    public readonly bool IsNullOrEnd(int end) => _pos >= end || _buffer[_pos] == FormatCode.Null;

    // ---- composite fields ---------------------------------------------------------------------------------------

    /// <summary>Starts walking the fields of a list-encoded composite; returns the enclosing walk's state.</summary>
    public int EnterFields(int count)
    {
        Enter();
        int saved = _fieldsRemaining;
        _fieldsRemaining = count;
        return saved;
    }

    /// <summary>
    /// True when the composite's next field is present and not null, leaving the reader on its value.
    /// Absent trailing fields and nulls read as false.
    /// </summary>
    public bool NextField()
    {
        if (_fieldsRemaining == 0)
        {
            return false;
        }

        _fieldsRemaining--;
        return !TryReadNull();
    }

    /// <summary>Skips fields not read, checks the composite's end, and restores the enclosing walk.</summary>
    public void ExitFields(int end, int saved)
    {
        while (_fieldsRemaining > 0)
        {
            _fieldsRemaining--;
            SkipValue();
        }

        EndCompound(end);
        _fieldsRemaining = saved;
        Leave();
    }

    /// <summary>Reads a "multiple" symbol field (absent, one symbol, or an array of symbols).</summary>
    public AmqpSymbol[]? ReadSymbolsField() => NextField() ? ReadSymbolMultiple() : null;

    // ---- fixed-width primitives -------------------------------------------------------------------------------

    public bool ReadBoolean()
    {
        byte code = ReadFormatCode();
        switch (code)
        {
            case FormatCode.BooleanTrue:
                return true;
            case FormatCode.BooleanFalse:
                return false;
            case FormatCode.Boolean:
                byte b = Take(1)[0];
                if (b > 1)
                {
                    Throw($"invalid boolean value 0x{b:x2}");
                }

                return b == 1;
            default:
                ThrowUnexpected(code, "boolean");
                return false;
        }
    }

    public byte ReadUByte()
    {
        byte code = ReadFormatCode();
        if (code != FormatCode.UByte)
        {
            ThrowUnexpected(code, "ubyte");
        }

        return Take(1)[0];
    }

    public ushort ReadUShort()
    {
        byte code = ReadFormatCode();
        switch (code)
        {
            case FormatCode.UShort:
                return BinaryPrimitives.ReadUInt16BigEndian(Take(2));
            case FormatCode.UByte:
                return Take(1)[0];
            default:
                ThrowUnexpected(code, "ushort");
                return 0;
        }
    }

    public uint ReadUInt()
    {
        byte code = ReadFormatCode();
        switch (code)
        {
            case FormatCode.UInt0:
                return 0;
            case FormatCode.SmallUInt:
            case FormatCode.UByte:
                return Take(1)[0];
            case FormatCode.UShort:
                return BinaryPrimitives.ReadUInt16BigEndian(Take(2));
            case FormatCode.UInt:
                return BinaryPrimitives.ReadUInt32BigEndian(Take(4));
            default:
                ThrowUnexpected(code, "uint");
                return 0;
        }
    }

    public ulong ReadULong()
    {
        byte code = ReadFormatCode();
        switch (code)
        {
            case FormatCode.ULong0:
            case FormatCode.UInt0:
                return 0;
            case FormatCode.SmallULong:
            case FormatCode.SmallUInt:
            case FormatCode.UByte:
                return Take(1)[0];
            case FormatCode.UShort:
                return BinaryPrimitives.ReadUInt16BigEndian(Take(2));
            case FormatCode.UInt:
                return BinaryPrimitives.ReadUInt32BigEndian(Take(4));
            case FormatCode.ULong:
                return BinaryPrimitives.ReadUInt64BigEndian(Take(8));
            default:
                ThrowUnexpected(code, "ulong");
                return 0;
        }
    }

    public sbyte ReadByte()
    {
        byte code = ReadFormatCode();
        if (code != FormatCode.Byte)
        {
            ThrowUnexpected(code, "byte");
        }

        return (sbyte)Take(1)[0];
    }

    public short ReadShort()
    {
        byte code = ReadFormatCode();
        switch (code)
        {
            case FormatCode.Short:
                return BinaryPrimitives.ReadInt16BigEndian(Take(2));
            case FormatCode.Byte:
                return (sbyte)Take(1)[0];
            default:
                ThrowUnexpected(code, "short");
                return 0;
        }
    }

    public int ReadInt()
    {
        byte code = ReadFormatCode();
        switch (code)
        {
            case FormatCode.SmallInt:
            case FormatCode.Byte:
                return (sbyte)Take(1)[0];
            case FormatCode.Short:
                return BinaryPrimitives.ReadInt16BigEndian(Take(2));
            case FormatCode.Int:
                return BinaryPrimitives.ReadInt32BigEndian(Take(4));
            default:
                ThrowUnexpected(code, "int");
                return 0;
        }
    }

    public long ReadLong()
    {
        byte code = ReadFormatCode();
        switch (code)
        {
            case FormatCode.SmallLong:
            case FormatCode.SmallInt:
            case FormatCode.Byte:
                return (sbyte)Take(1)[0];
            case FormatCode.Short:
                return BinaryPrimitives.ReadInt16BigEndian(Take(2));
            case FormatCode.Int:
                return BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case FormatCode.Long:
                return BinaryPrimitives.ReadInt64BigEndian(Take(8));
            default:
                ThrowUnexpected(code, "long");
                return 0;
        }
    }

    /// <summary>Reads any integral encoding (signed or unsigned) that fits in a long.</summary>
    public long ReadIntegral()
    {
        byte code = PeekFormatCode();
        switch (code)
        {
            case FormatCode.UInt0:
            case FormatCode.ULong0:
            case FormatCode.SmallUInt:
            case FormatCode.SmallULong:
            case FormatCode.UByte:
            case FormatCode.UShort:
            case FormatCode.UInt:
                return (long)ReadULong();
            case FormatCode.ULong:
                ulong v = ReadULong();
                if (v > long.MaxValue)
                {
                    Throw("integer out of range");
                }

                return (long)v;
            default:
                return ReadLong();
        }
    }

    public float ReadFloat()
    {
        byte code = ReadFormatCode();
        if (code != FormatCode.Float)
        {
            ThrowUnexpected(code, "float");
        }

        return BinaryPrimitives.ReadSingleBigEndian(Take(4));
    }

    public double ReadDouble()
    {
        byte code = ReadFormatCode();
        switch (code)
        {
            case FormatCode.Double:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(8));
            case FormatCode.Float:
                return BinaryPrimitives.ReadSingleBigEndian(Take(4));
            default:
                ThrowUnexpected(code, "double");
                return 0;
        }
    }

    public AmqpTimestamp ReadTimestamp()
    {
        byte code = ReadFormatCode();
        if (code != FormatCode.Timestamp)
        {
            ThrowUnexpected(code, "timestamp");
        }

        return new AmqpTimestamp(BinaryPrimitives.ReadInt64BigEndian(Take(8)));
    }

    public Guid ReadUuid()
    {
        byte code = ReadFormatCode();
        if (code != FormatCode.Uuid)
        {
            ThrowUnexpected(code, "uuid");
        }

        return new Guid(Take(16), bigEndian: true);
    }

    // ---- variable-width primitives ----------------------------------------------------------------------------

    /// <summary>Reads a binary (vbin8/vbin32) without copying; the span is valid as long as the buffer is.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        byte code = ReadFormatCode();
        return code switch
        {
            FormatCode.Binary8 => Take(Take(1)[0]),
            FormatCode.Binary32 => Take(ReadLength32()),
            _ => ThrowUnexpectedSpan(code, "binary"),
        };
    }

    /// <summary>Reads a string's UTF-8 bytes without decoding or copying.</summary>
    public ReadOnlySpan<byte> ReadStringUtf8()
    {
        byte code = ReadFormatCode();
        return code switch
        {
            FormatCode.String8 => Take(Take(1)[0]),
            FormatCode.String32 => Take(ReadLength32()),
            _ => ThrowUnexpectedSpan(code, "string"),
        };
    }

    /// <summary>Reads a symbol's ASCII bytes without copying.</summary>
    public ReadOnlySpan<byte> ReadSymbolBytes()
    {
        byte code = ReadFormatCode();
        return code switch
        {
            FormatCode.Symbol8 => Take(Take(1)[0]),
            FormatCode.Symbol32 => Take(ReadLength32()),
            _ => ThrowUnexpectedSpan(code, "symbol"),
        };
    }

    /// <summary>Reads a string or a symbol's text bytes (some peers use either for textual fields).</summary>
    public ReadOnlySpan<byte> ReadTextBytes(out bool isSymbol)
    {
        byte code = PeekFormatCode();
        isSymbol = code is FormatCode.Symbol8 or FormatCode.Symbol32;
        return isSymbol ? ReadSymbolBytes() : ReadStringUtf8();
    }

    public string ReadString() => DecodeUtf8(ReadStringUtf8());

    public AmqpSymbol ReadSymbol() => new(DecodeAscii(ReadSymbolBytes()));

    /// <summary>Reads a string or symbol as text.</summary>
    public string ReadText() => PeekFormatCode() is FormatCode.Symbol8 or FormatCode.Symbol32
        ? DecodeAscii(ReadSymbolBytes())
        : DecodeUtf8(ReadStringUtf8());

    /// <summary>Reads a symbol or an array of symbols (both are legal for "multiple" symbol fields).</summary>
    public AmqpSymbol[]? ReadSymbolMultiple()
    {
        if (TryReadNull())
        {
            return null;
        }

        byte code = PeekFormatCode();
        if (code is FormatCode.Symbol8 or FormatCode.Symbol32)
        {
            return [ReadSymbol()];
        }

        if (code is not (FormatCode.Array8 or FormatCode.Array32))
        {
            ThrowUnexpected(code, "symbol or array of symbols");
        }

        var header = ReadArrayHeader();
        if (header.ElementCode is not (FormatCode.Symbol8 or FormatCode.Symbol32) || header.ElementDescriptorStart >= 0)
        {
            Throw("array of symbols expected");
        }

        var result = new AmqpSymbol[header.Count];
        for (int i = 0; i < header.Count; i++)
        {
            int len = header.ElementCode == FormatCode.Symbol8 ? Take(1)[0] : ReadLength32();
            result[i] = new AmqpSymbol(DecodeAscii(Take(len)));
        }

        EndCompound(header.End);
        return result;
    }

    // ---- compound headers -------------------------------------------------------------------------------------

    /// <summary>Reads a list constructor and size; returns the element count and the absolute end position.</summary>
    public CompoundHeader ReadListHeader()
    {
        byte code = ReadFormatCode();
        return code switch
        {
            FormatCode.List0 => new CompoundHeader(0, _pos),
            FormatCode.List8 => ReadCompound(1, 1),
            FormatCode.List32 => ReadCompound(4, 1),
            _ => ThrowUnexpectedHeader(code, "list"),
        };
    }

    /// <summary>Reads a map constructor; <see cref="CompoundHeader.Count"/> is the number of keys plus values.</summary>
    public CompoundHeader ReadMapHeader()
    {
        byte code = ReadFormatCode();
        var h = code switch
        {
            FormatCode.Map8 => ReadCompound(1, 1),
            FormatCode.Map32 => ReadCompound(4, 1),
            _ => ThrowUnexpectedHeader(code, "map"),
        };
        if ((h.Count & 1) != 0)
        {
            Throw("map with an odd number of elements");
        }

        return h;
    }

    /// <summary>Reads an array constructor, its count and its element constructor (and descriptor, if described).</summary>
    public ArrayHeader ReadArrayHeader() => ReadArrayHeaderAfter(ReadFormatCode());

    private ArrayHeader ReadArrayHeaderAfter(byte code)
    {
        int prefix = code switch
        {
            FormatCode.Array8 => 1,
            FormatCode.Array32 => 4,
            _ => 0,
        };
        if (prefix == 0)
        {
            ThrowUnexpected(code, "array");
        }

        int size = prefix == 1 ? Take(1)[0] : ReadLength32();
        if (size > Remaining)
        {
            Throw($"array size {size} exceeds the {Remaining} bytes remaining");
        }

        int end = _pos + size;
        if (size < prefix)
        {
            Throw("array too small for its count");
        }

        long count = prefix == 1 ? Take(1)[0] : BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        int descriptorStart = -1;
        byte element = ReadFormatCode();
        if (element == FormatCode.Described)
        {
            descriptorStart = _pos;
            Enter();
            SkipValue();
            Leave();
            element = ReadFormatCode();
        }

        if (!FormatCode.IsKnown(element) || element == FormatCode.Described)
        {
            Throw($"invalid array element constructor 0x{element:x2}");
        }

        int bodyBytes = end - _pos;
        if (bodyBytes < 0)
        {
            Throw("array constructor overruns its size");
        }

        int width = FormatCode.FixedWidth(element);
        long minBytes = width >= 0 ? count * width : count * FormatCode.LengthPrefix(element);
        if (minBytes > bodyBytes)
        {
            Throw($"array count {count} exceeds its {bodyBytes} bytes");
        }

        if (width == 0)
        {
            _zeroWidthElements += count;
            if (_zeroWidthElements > (long)MaxZeroWidthElements + _buffer.Length)
            {
                Throw($"more than {MaxZeroWidthElements} zero-width array elements beyond the {_buffer.Length} bytes of input");
            }
        }

        return new ArrayHeader((int)count, element, descriptorStart, end);
    }

    /// <summary>Checks that a compound's elements ended exactly at or before its declared end, then moves there.</summary>
    public void EndCompound(int end)
    {
        if (_pos > end)
        {
            Throw("compound value overruns its declared size");
        }

        _pos = end;
    }

    /// <summary>Reads the descriptor of a described type. Symbolic descriptors of the AMQP types map to their codes.</summary>
    public Descriptor ReadDescriptor()
    {
        byte code = ReadFormatCode();
        if (code != FormatCode.Described)
        {
            ThrowUnexpected(code, "described type");
        }

        byte dcode = PeekFormatCode();
        if (dcode is FormatCode.Symbol8 or FormatCode.Symbol32)
        {
            var sym = ReadSymbolBytes();
            return Descriptors.TryGetCode(sym, out ulong c) ? new Descriptor(c, null) : new Descriptor(ulong.MaxValue, DecodeAscii(sym));
        }

        return new Descriptor(ReadULong(), null);
    }

    /// <summary>If the next value is described, reads and returns its descriptor code; otherwise returns false.</summary>
    public bool TryReadDescriptor(out Descriptor descriptor)
    {
        if (_pos < _buffer.Length && _buffer[_pos] == FormatCode.Described)
        {
            descriptor = ReadDescriptor();
            return true;
        }

        descriptor = default;
        return false;
    }

    // ---- generic values ---------------------------------------------------------------------------------------

    /// <summary>
    /// Decodes the next value into the generic object model: primitives as their CLR types, symbol as
    /// <see cref="AmqpSymbol"/>, binary as byte[], list as List&lt;object?&gt;, map as <see cref="AmqpMap"/>,
    /// array as <see cref="AmqpArray"/> and any described value as <see cref="DescribedValue"/>.
    /// </summary>
    public object? ReadValue()
    {
        byte code = PeekFormatCode();
        switch (code)
        {
            case FormatCode.Described:
                {
                    _pos++;
                    Enter();
                    object descriptor = ReadDescriptorValue();
                    object? value = ReadValue();
                    Leave();
                    return new DescribedValue(descriptor, value);
                }

            case FormatCode.Null:
                _pos++;
                return null;
            case FormatCode.Boolean:
            case FormatCode.BooleanTrue:
            case FormatCode.BooleanFalse:
                return ReadBoolean();
            case FormatCode.UByte:
                return ReadUByte();
            case FormatCode.UShort:
                return ReadUShort();
            case FormatCode.UInt:
            case FormatCode.SmallUInt:
            case FormatCode.UInt0:
                return ReadUInt();
            case FormatCode.ULong:
            case FormatCode.SmallULong:
            case FormatCode.ULong0:
                return ReadULong();
            case FormatCode.Byte:
                return ReadByte();
            case FormatCode.Short:
                return ReadShort();
            case FormatCode.Int:
            case FormatCode.SmallInt:
                return ReadInt();
            case FormatCode.Long:
            case FormatCode.SmallLong:
                return ReadLong();
            case FormatCode.Float:
                return ReadFloat();
            case FormatCode.Double:
                return ReadDouble();
            case FormatCode.Decimal32:
                _pos++;
                return new AmqpDecimal32(BinaryPrimitives.ReadUInt32BigEndian(Take(4)));
            case FormatCode.Decimal64:
                _pos++;
                return new AmqpDecimal64(BinaryPrimitives.ReadUInt64BigEndian(Take(8)));
            case FormatCode.Decimal128:
                {
                    _pos++;
                    var s = Take(16);
                    return new AmqpDecimal128(BinaryPrimitives.ReadUInt64BigEndian(s), BinaryPrimitives.ReadUInt64BigEndian(s[8..]));
                }

            case FormatCode.Char:
                _pos++;
                return new AmqpChar(BinaryPrimitives.ReadUInt32BigEndian(Take(4)));
            case FormatCode.Timestamp:
                return ReadTimestamp();
            case FormatCode.Uuid:
                return ReadUuid();
            case FormatCode.Binary8:
            case FormatCode.Binary32:
                return ReadBinary().ToArray();
            case FormatCode.String8:
            case FormatCode.String32:
                return ReadString();
            case FormatCode.Symbol8:
            case FormatCode.Symbol32:
                return ReadSymbol();
            case FormatCode.List0:
            case FormatCode.List8:
            case FormatCode.List32:
                {
                    var h = ReadListHeader();
                    Enter();
                    var list = new List<object?>(h.Count);
                    for (int i = 0; i < h.Count; i++)
                    {
                        list.Add(ReadValue());
                    }

                    Leave();
                    EndCompound(h.End);
                    return list;
                }

            case FormatCode.Map8:
            case FormatCode.Map32:
                {
                    var h = ReadMapHeader();
                    Enter();
                    var map = new AmqpMap(h.Count / 2);
                    for (int i = 0; i < h.Count; i += 2)
                    {
                        object? k = ReadValue();
                        object? v = ReadValue();
                        map.Add(k, v);
                    }

                    Leave();
                    EndCompound(h.End);
                    return map;
                }

            case FormatCode.Array8:
            case FormatCode.Array32:
                return ReadArrayValue();
            default:
                Throw($"invalid format code 0x{code:x2}");
                return null;
        }
    }

    /// <summary>Skips the next value, however it is encoded, without allocating.</summary>
    public void SkipValue()
    {
        byte code = ReadFormatCode();
        if (code == FormatCode.Described)
        {
            Enter();
            SkipValue();
            SkipValue();
            Leave();
            return;
        }

        int width = FormatCode.FixedWidth(code);
        if (width >= 0)
        {
            Take(width);
            return;
        }

        int prefix = FormatCode.LengthPrefix(code);
        if (prefix == 0)
        {
            Throw($"invalid format code 0x{code:x2}");
        }

        int size = prefix == 1 ? Take(1)[0] : ReadLength32();
        Take(size);
    }

    /// <summary>Returns the raw encoded bytes of the next value and moves past it.</summary>
    public ReadOnlySpan<byte> ReadRawValue()
    {
        int start = _pos;
        SkipValue();
        return _buffer[start.._pos];
    }

    private object ReadDescriptorValue()
    {
        byte dcode = PeekFormatCode();
        if (dcode is FormatCode.Symbol8 or FormatCode.Symbol32)
        {
            return ReadSymbol();
        }

        if (dcode is FormatCode.ULong or FormatCode.SmallULong or FormatCode.ULong0)
        {
            return ReadULong();
        }

        Throw($"invalid descriptor constructor 0x{dcode:x2}");
        return null!;
    }

    private AmqpArray ReadArrayValue() => ReadArrayValueAfter(ReadFormatCode());

    private AmqpArray ReadArrayValueAfter(byte code)
    {
        var h = ReadArrayHeaderAfter(code);
        Enter();
        object? descriptor = null;
        if (h.ElementDescriptorStart >= 0)
        {
            int save = _pos;
            _pos = h.ElementDescriptorStart;
            descriptor = ReadDescriptorValue();
            _pos = save;
        }

        var items = new object?[h.Count];
        for (int i = 0; i < h.Count; i++)
        {
            items[i] = ReadArrayElement(h.ElementCode);
        }

        Leave();
        EndCompound(h.End);
        return new AmqpArray(Family(h.ElementCode), items, descriptor);
    }

    /// <summary>Reads one array element whose constructor was given once in the array header.</summary>
    private object? ReadArrayElement(byte code)
    {
        // An element has no constructor of its own; decode it by temporarily presenting one.
        switch (code)
        {
            case FormatCode.Null: return null;
            case FormatCode.BooleanTrue: return true;
            case FormatCode.BooleanFalse: return false;
            case FormatCode.UInt0: return 0u;
            case FormatCode.ULong0: return 0ul;
            case FormatCode.List0: return new List<object?>();
            case FormatCode.Boolean:
                byte b = Take(1)[0];
                if (b > 1)
                {
                    Throw($"invalid boolean value 0x{b:x2}");
                }

                return b == 1;
            case FormatCode.UByte: return Take(1)[0];
            case FormatCode.SmallUInt: return (uint)Take(1)[0];
            case FormatCode.SmallULong: return (ulong)Take(1)[0];
            case FormatCode.Byte: return (sbyte)Take(1)[0];
            case FormatCode.SmallInt: return (int)(sbyte)Take(1)[0];
            case FormatCode.SmallLong: return (long)(sbyte)Take(1)[0];
            case FormatCode.UShort: return BinaryPrimitives.ReadUInt16BigEndian(Take(2));
            case FormatCode.Short: return BinaryPrimitives.ReadInt16BigEndian(Take(2));
            case FormatCode.UInt: return BinaryPrimitives.ReadUInt32BigEndian(Take(4));
            case FormatCode.Int: return BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case FormatCode.Float: return BinaryPrimitives.ReadSingleBigEndian(Take(4));
            case FormatCode.Char: return new AmqpChar(BinaryPrimitives.ReadUInt32BigEndian(Take(4)));
            case FormatCode.Decimal32: return new AmqpDecimal32(BinaryPrimitives.ReadUInt32BigEndian(Take(4)));
            case FormatCode.ULong: return BinaryPrimitives.ReadUInt64BigEndian(Take(8));
            case FormatCode.Long: return BinaryPrimitives.ReadInt64BigEndian(Take(8));
            case FormatCode.Double: return BinaryPrimitives.ReadDoubleBigEndian(Take(8));
            case FormatCode.Timestamp: return new AmqpTimestamp(BinaryPrimitives.ReadInt64BigEndian(Take(8)));
            case FormatCode.Decimal64: return new AmqpDecimal64(BinaryPrimitives.ReadUInt64BigEndian(Take(8)));
            case FormatCode.Uuid: return new Guid(Take(16), bigEndian: true);
            case FormatCode.Decimal128:
                {
                    var s = Take(16);
                    return new AmqpDecimal128(BinaryPrimitives.ReadUInt64BigEndian(s), BinaryPrimitives.ReadUInt64BigEndian(s[8..]));
                }

            case FormatCode.Binary8: return Take(Take(1)[0]).ToArray();
            case FormatCode.Binary32: return Take(ReadLength32()).ToArray();
            case FormatCode.String8: return DecodeUtf8(Take(Take(1)[0]));
            case FormatCode.String32: return DecodeUtf8(Take(ReadLength32()));
            case FormatCode.Symbol8: return new AmqpSymbol(DecodeAscii(Take(Take(1)[0])));
            case FormatCode.Symbol32: return new AmqpSymbol(DecodeAscii(Take(ReadLength32())));
            case FormatCode.List8:
            case FormatCode.List32:
                {
                    var h = ReadCompound(code == FormatCode.List8 ? 1 : 4, 1);
                    Enter();
                    var list = new List<object?>(h.Count);
                    for (int i = 0; i < h.Count; i++)
                    {
                        list.Add(ReadValue());
                    }

                    Leave();
                    EndCompound(h.End);
                    return list;
                }

            case FormatCode.Map8:
            case FormatCode.Map32:
                {
                    var h = ReadCompound(code == FormatCode.Map8 ? 1 : 4, 1);
                    if ((h.Count & 1) != 0)
                    {
                        Throw("map with an odd number of elements");
                    }

                    Enter();
                    var map = new AmqpMap(h.Count / 2);
                    for (int i = 0; i < h.Count; i += 2)
                    {
                        object? k = ReadValue();
                        map.Add(k, ReadValue());
                    }

                    Leave();
                    EndCompound(h.End);
                    return map;
                }

            case FormatCode.Array8:
            case FormatCode.Array32:
                return ReadArrayValueAfter(code);
            default:
                Throw($"invalid array element constructor 0x{code:x2}");
                return null;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private CompoundHeader ReadCompound(int prefix, int minElementBytes)
    {
        int size = prefix == 1 ? Take(1)[0] : ReadLength32();
        if (size > Remaining)
        {
            Throw($"compound size {size} exceeds the {Remaining} bytes remaining");
        }

        if (size < prefix)
        {
            Throw($"compound size {size} too small for its count");
        }

        int end = _pos + size;
        long count = prefix == 1 ? Take(1)[0] : BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        if (count * minElementBytes > end - _pos)
        {
            Throw($"count {count} exceeds the {end - _pos} bytes of its compound");
        }

        return new CompoundHeader((int)count, end);
    }

    private int ReadLength32()
    {
        uint len = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        if (len > (uint)Remaining)
        {
            Throw($"size {len} exceeds the {Remaining} bytes remaining");
        }

        return (int)len;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _pos))
        {
            Throw("unexpected end of data");
        }

        var s = _buffer.Slice(_pos, count);
        _pos += count;
        return s;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            Throw($"values nested deeper than {MaxDepth}");
        }
    }

    private void Leave() => _depth--;

    private static byte Family(byte code) => code switch
    {
        FormatCode.Symbol32 => FormatCode.Symbol8,
        FormatCode.String32 => FormatCode.String8,
        FormatCode.Binary32 => FormatCode.Binary8,
        FormatCode.List0 or FormatCode.List32 => FormatCode.List8,
        FormatCode.Map32 => FormatCode.Map8,
        FormatCode.Array32 => FormatCode.Array8,
        FormatCode.UInt0 or FormatCode.SmallUInt => FormatCode.UInt,
        FormatCode.ULong0 or FormatCode.SmallULong => FormatCode.ULong,
        FormatCode.SmallInt => FormatCode.Int,
        FormatCode.SmallLong => FormatCode.Long,
        FormatCode.BooleanTrue or FormatCode.BooleanFalse => FormatCode.Boolean,
        _ => code,
    };

    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (ArgumentException)
        {
            Throw("invalid UTF-8 in string");
            return null!;
        }
    }

    public static string DecodeAscii(ReadOnlySpan<byte> bytes)
    {
        // Symbols are ASCII; tolerate other bytes by mapping them 1:1 (Latin-1) rather than failing.
        return Encoding.Latin1.GetString(bytes);
    }

    [DoesNotReturn]
    public static void Throw(string message) => throw new AmqpDecodeException(message);

    [DoesNotReturn]
    private static void ThrowUnexpected(byte code, string expected) =>
        throw new AmqpDecodeException($"expected {expected}, found format code 0x{code:x2}");

    [DoesNotReturn]
    private static ReadOnlySpan<byte> ThrowUnexpectedSpan(byte code, string expected) =>
        throw new AmqpDecodeException($"expected {expected}, found format code 0x{code:x2}");

    [DoesNotReturn]
    private static CompoundHeader ThrowUnexpectedHeader(byte code, string expected) =>
        throw new AmqpDecodeException($"expected {expected}, found format code 0x{code:x2}");
}

/// <summary>A list or map header: element count (keys and values for maps) and the absolute end position.</summary>
public readonly record struct CompoundHeader(int Count, int End);

/// <summary>An array header: count, element constructor, descriptor position (or -1), and absolute end.</summary>
public readonly record struct ArrayHeader(int Count, byte ElementCode, int ElementDescriptorStart, int End);

/// <summary>A decoded descriptor: the numeric code, or <see cref="ulong.MaxValue"/> plus the symbol if unknown.</summary>
public readonly record struct Descriptor(ulong Code, string? Symbol)
{
    public bool Is(ulong code) => Code == code;
}
