using Skrouterd.Amqp.Codec;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Codec;

/// <summary>
/// Every encoding of every primitive type (types.xml "encodings") from hand-written byte vectors: generic and typed
/// reads decode each to the expected value, and encode → decode round-trips.
/// </summary>
public sealed class AmqpPrimitiveEncodingTests
{
    private static readonly Guid s_uuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    /// <summary>(hex of one encoded value, the value <see cref="AmqpReader.ReadValue"/> must return).</summary>
    public static TheoryData<string, object?> EveryEncoding() => new()
    {
        { "40", null },
        { "41", true },
        { "42", false },
        { "56 00", false },
        { "56 01", true },
        { "50 00", (byte)0 },
        { "50 ff", (byte)255 },
        { "60 0000", (ushort)0 },
        { "60 ffff", ushort.MaxValue },
        { "60 0102", (ushort)0x0102 },
        { "43", 0u },
        { "52 00", 0u },
        { "52 ff", 255u },
        { "70 00000000", 0u },
        { "70 00000100", 256u },
        { "70 ffffffff", uint.MaxValue },
        { "44", 0ul },
        { "53 00", 0ul },
        { "53 ff", 255ul },
        { "80 0000000000000000", 0ul },
        { "80 0000000000000100", 256ul },
        { "80 ffffffffffffffff", ulong.MaxValue },
        { "51 00", (sbyte)0 },
        { "51 ff", (sbyte)-1 },
        { "51 80", sbyte.MinValue },
        { "51 7f", sbyte.MaxValue },
        { "61 0000", (short)0 },
        { "61 ffff", (short)-1 },
        { "61 8000", short.MinValue },
        { "61 7fff", short.MaxValue },
        { "54 00", 0 },
        { "54 ff", -1 },
        { "54 80", -128 },
        { "54 7f", 127 },
        { "71 00000000", 0 },
        { "71 ffffff7f", -129 },
        { "71 80000000", int.MinValue },
        { "71 7fffffff", int.MaxValue },
        { "55 00", 0L },
        { "55 ff", -1L },
        { "55 80", -128L },
        { "55 7f", 127L },
        { "81 0000000000000000", 0L },
        { "81 ffffffffffffff7f", -129L },
        { "81 8000000000000000", long.MinValue },
        { "81 7fffffffffffffff", long.MaxValue },
        { "72 3fc00000", 1.5f },
        { "72 bf800000", -1f },
        { "72 7f800000", float.PositiveInfinity },
        { "72 7fc00000", BitConverter.UInt32BitsToSingle(0x7fc00000) },
        { "82 3ff8000000000000", 1.5 },
        { "82 c000000000000000", -2.0 },
        { "82 7fefffffffffffff", double.MaxValue },
        { "82 fff0000000000000", double.NegativeInfinity },
        { "74 22500001", new AmqpDecimal32(0x22500001) },
        { "84 2238000000000001", new AmqpDecimal64(0x2238000000000001) },
        { "94 22080000000000000000000000000001", new AmqpDecimal128(0x2208000000000000, 1) },
        { "73 00000041", new AmqpChar('A') },
        { "73 0001f600", new AmqpChar(0x1f600) },
        { "83 0000018bcfe56800", new AmqpTimestamp(1_700_000_000_000) },
        { "83 ffffffffffffffff", new AmqpTimestamp(-1) },
        { "83 0000000000000000", new AmqpTimestamp(0) },
        { "98 00112233445566778899aabbccddeeff", s_uuid },
        { "a0 00", Array.Empty<byte>() },
        { "a0 03 010203", new byte[] { 1, 2, 3 } },
        { "b0 00000000", Array.Empty<byte>() },
        { "b0 00000003 010203", new byte[] { 1, 2, 3 } },
        { "a1 00", "" },
        { "a1 05 68c3a96c6c", "héll" },
        { "a1 04 f09f9880", "\U0001F600" },
        { "b1 00000000", "" },
        { "b1 00000003 616263", "abc" },
        { "a3 00", new AmqpSymbol("") },
        { "a3 0e 616d71703a6f70656e3a6c697374", new AmqpSymbol("amqp:open:list") },
        { "b3 00000003 616263", new AmqpSymbol("abc") },
        { "45", new List<object?>() },
        { "c0 01 00", new List<object?>() },
        { "d0 00000004 00000000", new List<object?>() },
        { "c0 04 02 43 a100", new List<object?> { 0u, "" } },
        { "d0 0000000a 00000002 70 00000001 41", new List<object?> { 1u, true } },
        { "c1 01 00", new AmqpMap() },
        { "d1 00000004 00000000", new AmqpMap() },
        { "c1 08 04 a3 01 6b 43 a1 00 40", new AmqpMap { { new AmqpSymbol("k"), 0u }, { "", null } } },
        { "d1 00000010 00000002 a1 01 6b 80 0000000000000001", new AmqpMap { { "k", 1ul } } },
    };

    [Theory]
    [MemberData(nameof(EveryEncoding))]
    public void ReadValue_EveryEncoding_DecodesToExpectedValue(string hex, object? expected)
    {
        object? actual = AmqpEncoding.DecodeValue(Hex.Bytes(hex));

        // The dump names the CLR type, so an uint 1 never passes for an ulong 1.
        Assert.Equal(AmqpDump.Of(expected), AmqpDump.Of(actual));
        Assert.True(AmqpValueComparer.Instance.Equals(expected, actual));
    }

    [Theory]
    [MemberData(nameof(EveryEncoding))]
    public void EncodeThenDecode_EveryEncodedValue_RoundTrips(string hex, object? expected)
    {
        _ = hex;
        byte[] encoded = AmqpEncoding.EncodeValue(expected);
        object? decoded = AmqpEncoding.DecodeValue(encoded);
        Assert.Equal(AmqpDump.Of(expected), AmqpDump.Of(decoded));
    }

    [Theory]
    [MemberData(nameof(EveryEncoding))]
    public void SkipValue_EveryEncoding_EndsWhereReadValueEnds(string hex, object? expected)
    {
        _ = expected;
        byte[] bytes = Hex.Bytes(hex);
        var r = new AmqpReader(bytes);
        r.SkipValue();
        Assert.Equal(bytes.Length, r.Position);
        var raw = new AmqpReader(bytes);
        Assert.Equal(hex.Replace(" ", "", StringComparison.Ordinal), Hex.Of(raw.ReadRawValue()));
    }

    [Theory]
    [MemberData(nameof(EveryEncoding))]
    public void ReadValue_EveryProperPrefix_ThrowsDecodeError(string hex, object? expected)
    {
        _ = expected;
        byte[] bytes = Hex.Bytes(hex);
        for (int n = 0; n < bytes.Length; n++)
        {
            byte[] prefix = bytes[..n];
            Assert.Throws<AmqpDecodeException>(() => new AmqpReader(prefix).ReadValue());
            Assert.Throws<AmqpDecodeException>(() => new AmqpReader(prefix).SkipValue());
        }
    }

    // ---- typed reads accept every encoding of their type ---------------------------------------------------------

    [Theory]
    [InlineData("41", true)]
    [InlineData("42", false)]
    [InlineData("5601", true)]
    [InlineData("5600", false)]
    public void ReadBoolean_EveryEncoding(string hex, bool expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadBoolean()));

    [Theory]
    [InlineData("43", 0u)]
    [InlineData("5200", 0u)]
    [InlineData("5201", 1u)]
    [InlineData("52ff", 255u)]
    [InlineData("7000000000", 0u)]
    [InlineData("7000000100", 256u)]
    [InlineData("70ffffffff", uint.MaxValue)]
    [InlineData("50ff", 255u)]
    [InlineData("60ffff", 65535u)]
    public void ReadUInt_EveryEncoding(string hex, uint expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadUInt()));

    [Theory]
    [InlineData("44", 0ul)]
    [InlineData("5300", 0ul)]
    [InlineData("53ff", 255ul)]
    [InlineData("800000000000000000", 0ul)]
    [InlineData("800000000000000100", 256ul)]
    [InlineData("80ffffffffffffffff", ulong.MaxValue)]
    [InlineData("43", 0ul)]
    [InlineData("5207", 7ul)]
    [InlineData("70ffffffff", 4294967295ul)]
    public void ReadULong_EveryEncoding(string hex, ulong expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadULong()));

    [Theory]
    [InlineData("5400", 0)]
    [InlineData("54ff", -1)]
    [InlineData("5480", -128)]
    [InlineData("547f", 127)]
    [InlineData("7100000080", 128)]
    [InlineData("71ffffff7f", -129)]
    [InlineData("7180000000", int.MinValue)]
    [InlineData("717fffffff", int.MaxValue)]
    public void ReadInt_EveryEncoding(string hex, int expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadInt()));

    [Theory]
    [InlineData("5500", 0L)]
    [InlineData("55ff", -1L)]
    [InlineData("5580", -128L)]
    [InlineData("557f", 127L)]
    [InlineData("810000000000000080", 128L)]
    [InlineData("81ffffffffffffff7f", -129L)]
    [InlineData("818000000000000000", long.MinValue)]
    [InlineData("817fffffffffffffff", long.MaxValue)]
    [InlineData("54ff", -1L)]
    [InlineData("7180000000", (long)int.MinValue)]
    public void ReadLong_EveryEncoding(string hex, long expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadLong()));

    [Theory]
    [InlineData("43", 0L)]
    [InlineData("44", 0L)]
    [InlineData("52ff", 255L)]
    [InlineData("80 7fffffffffffffff", long.MaxValue)]
    [InlineData("55ff", -1L)]
    [InlineData("71ffffffff", -1L)]
    public void ReadIntegral_SignedAndUnsignedEncodings(string hex, long expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadIntegral()));

    [Fact]
    public void ReadIntegral_ULongAboveLongMax_ThrowsDecodeError() =>
        Assert.Throws<AmqpDecodeException>(() => new AmqpReader(Hex.Bytes("808000000000000000")).ReadIntegral());

    [Theory]
    [InlineData("5000", (byte)0)]
    [InlineData("50ff", (byte)255)]
    public void ReadUByte_Encoding(string hex, byte expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadUByte()));

    [Theory]
    [InlineData("600000", (ushort)0)]
    [InlineData("60ffff", ushort.MaxValue)]
    [InlineData("5007", (ushort)7)]
    public void ReadUShort_Encodings(string hex, ushort expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadUShort()));

    [Theory]
    [InlineData("5180", (sbyte)-128)]
    [InlineData("517f", (sbyte)127)]
    public void ReadByte_Encoding(string hex, sbyte expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadByte()));

    [Theory]
    [InlineData("618000", short.MinValue)]
    [InlineData("617fff", short.MaxValue)]
    [InlineData("51ff", (short)-1)]
    public void ReadShort_Encodings(string hex, short expected) =>
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadShort()));

    [Fact]
    public void ReadFloatAndDouble_Encodings()
    {
        Assert.Equal(1.5f, AmqpEncoding.Read(Hex.Bytes("723fc00000"), (ref AmqpReader r) => r.ReadFloat()));
        Assert.Equal(1.5, AmqpEncoding.Read(Hex.Bytes("823ff8000000000000"), (ref AmqpReader r) => r.ReadDouble()));
        Assert.Equal(1.5, AmqpEncoding.Read(Hex.Bytes("723fc00000"), (ref AmqpReader r) => r.ReadDouble()));
    }

    [Fact]
    public void ReadTimestampAndUuid_Encodings()
    {
        Assert.Equal(new AmqpTimestamp(1_700_000_000_000), AmqpEncoding.Read(Hex.Bytes("830000018bcfe56800"), (ref AmqpReader r) => r.ReadTimestamp()));
        Assert.Equal(s_uuid, AmqpEncoding.Read(Hex.Bytes("9800112233445566778899aabbccddeeff"), (ref AmqpReader r) => r.ReadUuid()));
    }

    [Theory]
    [InlineData("a1 03 616263", "abc")]
    [InlineData("b1 00000003 616263", "abc")]
    [InlineData("a1 00", "")]
    public void ReadString_BothEncodings(string hex, string expected)
    {
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadString()));
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadText()));
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => System.Text.Encoding.UTF8.GetString(r.ReadStringUtf8())));
    }

    [Theory]
    [InlineData("a3 03 616263", "abc")]
    [InlineData("b3 00000003 616263", "abc")]
    public void ReadSymbol_BothEncodings(string hex, string expected)
    {
        Assert.Equal(new AmqpSymbol(expected), AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadSymbol()));
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadText()));
        Assert.Equal(expected, AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => System.Text.Encoding.ASCII.GetString(r.ReadSymbolBytes())));
        Assert.True(AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) =>
        {
            var text = r.ReadTextBytes(out bool isSymbol);
            return isSymbol && text.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(expected));
        }));
    }

    [Theory]
    [InlineData("a0 03 010203")]
    [InlineData("b0 00000003 010203")]
    public void ReadBinary_BothEncodings_NoCopy(string hex)
    {
        byte[] bytes = Hex.Bytes(hex);
        var r = new AmqpReader(bytes);
        var bin = r.ReadBinary();
        Assert.Equal("010203", Hex.Of(bin));
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bin), ref bytes[bytes.Length - 3]));
    }

    [Theory]
    [InlineData("a1 01 61", "uint")]
    [InlineData("40", "uint")]
    [InlineData("80 0000000000000001", "uint")]
    [InlineData("43", "string")]
    [InlineData("a3 01 61", "string")]
    [InlineData("a1 01 61", "symbol")]
    [InlineData("a1 01 61", "binary")]
    [InlineData("52 01", "boolean")]
    [InlineData("56 02", "boolean")]
    [InlineData("70 00000001", "ubyte")]
    [InlineData("71 00000001", "uint")]
    [InlineData("55 01", "int")]
    [InlineData("82 0000000000000000", "float")]
    [InlineData("81 0000000000000000", "timestamp")]
    [InlineData("a0 10 00112233445566778899aabbccddeeff", "uuid")]
    [InlineData("c0 01 00", "map")]
    [InlineData("c1 01 00", "list")]
    [InlineData("c0 01 00", "array")]
    public void TypedRead_OtherType_ThrowsDecodeError(string hex, string type)
    {
        byte[] bytes = Hex.Bytes(hex);
        var e = Assert.Throws<AmqpDecodeException>(() =>
        {
            var r = new AmqpReader(bytes);
            switch (type)
            {
                case "uint": r.ReadUInt(); break;
                case "string": r.ReadString(); break;
                case "symbol": r.ReadSymbol(); break;
                case "binary": r.ReadBinary(); break;
                case "boolean": r.ReadBoolean(); break;
                case "ubyte": r.ReadUByte(); break;
                case "int": r.ReadInt(); break;
                case "float": r.ReadFloat(); break;
                case "timestamp": r.ReadTimestamp(); break;
                case "uuid": r.ReadUuid(); break;
                case "map": r.ReadMapHeader(); break;
                case "list": r.ReadListHeader(); break;
                case "array": r.ReadArrayHeader(); break;
            }
        });
        Assert.Equal(AmqpErrors.DecodeError, e.Condition);
    }

    // ---- the writer picks the compact encodings ------------------------------------------------------------------

    [Theory]
    [InlineData(0u, "43")]
    [InlineData(1u, "5201")]
    [InlineData(255u, "52ff")]
    [InlineData(256u, "7000000100")]
    [InlineData(uint.MaxValue, "70ffffffff")]
    public void WriteUInt_PicksCompactEncoding(uint value, string hex) =>
        Assert.Equal(hex, Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteUInt(value))));

    [Theory]
    [InlineData(0ul, "44")]
    [InlineData(1ul, "5301")]
    [InlineData(255ul, "53ff")]
    [InlineData(256ul, "800000000000000100")]
    [InlineData(ulong.MaxValue, "80ffffffffffffffff")]
    public void WriteULong_PicksCompactEncoding(ulong value, string hex) =>
        Assert.Equal(hex, Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteULong(value))));

    [Theory]
    [InlineData(0, "5400")]
    [InlineData(127, "547f")]
    [InlineData(-128, "5480")]
    [InlineData(128, "7100000080")]
    [InlineData(-129, "71ffffff7f")]
    [InlineData(255, "71000000ff")]
    [InlineData(int.MaxValue, "717fffffff")]
    [InlineData(int.MinValue, "7180000000")]
    public void WriteInt_PicksCompactEncoding(int value, string hex) =>
        Assert.Equal(hex, Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteInt(value))));

    [Theory]
    [InlineData(0L, "5500")]
    [InlineData(127L, "557f")]
    [InlineData(-128L, "5580")]
    [InlineData(128L, "810000000000000080")]
    [InlineData(-129L, "81ffffffffffffff7f")]
    [InlineData(long.MaxValue, "817fffffffffffffff")]
    [InlineData(long.MinValue, "818000000000000000")]
    public void WriteLong_PicksCompactEncoding(long value, string hex) =>
        Assert.Equal(hex, Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteLong(value))));

    [Fact]
    public void WriteFixedWidthTypes_UseTheirOnlyEncoding()
    {
        Assert.Equal("41", Hex.Of(AmqpEncoding.EncodeValue(true)));
        Assert.Equal("42", Hex.Of(AmqpEncoding.EncodeValue(false)));
        Assert.Equal("40", Hex.Of(AmqpEncoding.EncodeValue(null)));
        Assert.Equal("5000", Hex.Of(AmqpEncoding.EncodeValue((byte)0)));
        Assert.Equal("600100", Hex.Of(AmqpEncoding.EncodeValue((ushort)256)));
        Assert.Equal("51ff", Hex.Of(AmqpEncoding.EncodeValue((sbyte)-1)));
        Assert.Equal("61ff7f", Hex.Of(AmqpEncoding.EncodeValue((short)-129)));
        Assert.Equal("723fc00000", Hex.Of(AmqpEncoding.EncodeValue(1.5f)));
        Assert.Equal("823ff8000000000000", Hex.Of(AmqpEncoding.EncodeValue(1.5)));
        Assert.Equal("7422500001", Hex.Of(AmqpEncoding.EncodeValue(new AmqpDecimal32(0x22500001))));
        Assert.Equal("842238000000000001", Hex.Of(AmqpEncoding.EncodeValue(new AmqpDecimal64(0x2238000000000001))));
        Assert.Equal("9422080000000000000000000000000001", Hex.Of(AmqpEncoding.EncodeValue(new AmqpDecimal128(0x2208000000000000, 1))));
        Assert.Equal("7300000041", Hex.Of(AmqpEncoding.EncodeValue(new AmqpChar('A'))));
        Assert.Equal("7300000041", Hex.Of(AmqpEncoding.EncodeValue('A')));
        Assert.Equal("830000018bcfe56800", Hex.Of(AmqpEncoding.EncodeValue(new AmqpTimestamp(1_700_000_000_000))));
        Assert.Equal("830000018bcfe56800", Hex.Of(AmqpEncoding.EncodeValue(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000))));
        Assert.Equal("9800112233445566778899aabbccddeeff", Hex.Of(AmqpEncoding.EncodeValue(s_uuid)));
    }

    [Theory]
    [InlineData(0, "a100")]
    [InlineData(1, "a10178")]
    [InlineData(255, "a1ff")]
    [InlineData(256, "b100000100")]
    [InlineData(70000, "b100011170")]
    public void WriteString_Str8UpTo255Bytes(int length, string prefixHex)
    {
        string s = new('x', length);
        byte[] b = AmqpEncoding.EncodeValue(s);
        Assert.StartsWith(prefixHex, Hex.Of(b), StringComparison.Ordinal);
        Assert.Equal(s, AmqpEncoding.DecodeValue(b));
    }

    [Fact]
    public void WriteString_CountsUtf8BytesNotChars()
    {
        // 128 two-byte characters are 256 bytes: too long for str8.
        string s = new('é', 128);
        byte[] b = AmqpEncoding.EncodeValue(s);
        Assert.StartsWith("b100000100", Hex.Of(b), StringComparison.Ordinal);
        Assert.Equal(s, AmqpEncoding.DecodeValue(b));
        Assert.Equal("a102c3a9", Hex.Of(AmqpEncoding.EncodeValue("é")));
    }

    [Theory]
    [InlineData(0, "a300")]
    [InlineData(255, "a3ff")]
    [InlineData(256, "b300000100")]
    public void WriteSymbol_Sym8UpTo255Bytes(int length, string prefixHex)
    {
        var s = new AmqpSymbol(new string('s', length));
        byte[] b = AmqpEncoding.EncodeValue(s);
        Assert.StartsWith(prefixHex, Hex.Of(b), StringComparison.Ordinal);
        Assert.Equal(s, AmqpEncoding.DecodeValue(b));
    }

    [Theory]
    [InlineData(0, "a000")]
    [InlineData(255, "a0ff")]
    [InlineData(256, "b000000100")]
    public void WriteBinary_Vbin8UpTo255Bytes(int length, string prefixHex)
    {
        byte[] v = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        byte[] b = AmqpEncoding.EncodeValue(v);
        Assert.StartsWith(prefixHex, Hex.Of(b), StringComparison.Ordinal);
        Assert.Equal(v, (byte[])AmqpEncoding.DecodeValue(b)!);
        Assert.Equal(Hex.Of(b), Hex.Of(AmqpEncoding.EncodeValue(new ReadOnlyMemory<byte>(v))));
    }

    [Fact]
    public void WriteFullWidthForms_AsSomePeersEmitThem()
    {
        Assert.Equal("7000000000", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteUIntFull(0))));
        Assert.Equal("800000000000000001", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteULongFull(1))));
        Assert.Equal("7100000001", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteIntFull(1))));
        Assert.Equal("b100000002c3a9", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteString32("é"))));
        Assert.Equal("005324", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteDescriptor(0x24))));
        Assert.Equal("0080534b50522d2d5241", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteDescriptorFull(Descriptors.RouterAnnotations))));
        Assert.Equal("00a30e616d71703a6f70656e3a6c697374", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteDescriptor(new AmqpSymbol("amqp:open:list")))));
        Assert.Equal("a103616263", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteStringUtf8("abc"u8))));
        Assert.Equal("a303616263", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteSymbol("abc"u8))));
        Assert.Equal("deadbeef", Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => w.WriteRaw(Hex.Bytes("deadbeef")))));
    }

    [Fact]
    public void Writer_LargeRawWrite_SpansManyBufferSegments()
    {
        byte[] big = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        byte[] encoded = AmqpEncoding.EncodeValue(big);
        Assert.Equal(big, (byte[])AmqpEncoding.DecodeValue(encoded)!);
    }

    [Fact]
    public void WriteValue_UnsupportedType_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => AmqpEncoding.EncodeValue(new object()));
}
