using System.Buffers.Binary;
using Skrouterd.Amqp.Codec;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Codec;

/// <summary>
/// Malformed, truncated, oversize and hostile encodings: each raises <see cref="AmqpDecodeException"/> with
/// amqp:decode-error, never another exception, and nothing is allocated from an unchecked size or count.
/// </summary>
public sealed class AmqpReaderBadInputTests
{
    private static readonly HashSet<byte> s_known =
    [
        0x00, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x60, 0x61, 0x70, 0x71, 0x72,
        0x73, 0x74, 0x80, 0x81, 0x82, 0x83, 0x84, 0x94, 0x98, 0xa0, 0xa1, 0xa3, 0xb0, 0xb1, 0xb3, 0xc0, 0xc1, 0xd0, 0xd1,
        0xe0, 0xf0,
    ];

    public static TheoryData<byte> UnknownFormatCodes()
    {
        var data = new TheoryData<byte>();
        for (int c = 0; c < 256; c++)
        {
            if (!s_known.Contains((byte)c))
            {
                data.Add((byte)c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnknownFormatCodes))]
    public void UnknownFormatCode_EveryReadThrowsDecodeError(byte code)
    {
        // followed by plenty of bytes, so only the code itself can be at fault
        byte[] b = [code, .. new byte[32]];
        AssertDecodeError(b, (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError(b, (ref AmqpReader r) => r.SkipValue());
        AssertDecodeError([0xe0, 0x05, 0x01, code, 0, 0, 0], (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError([0x00, code, .. new byte[32]], (ref AmqpReader r) => r.ReadValue());
    }

    [Fact]
    public void FormatCodeTable_MatchesTypesXml()
    {
        // every known code decodes when given enough zero bytes (sizes and counts of zero)
        foreach (byte code in s_known)
        {
            if (code == 0x00)
            {
                continue;
            }

            byte[] b = code switch
            {
                0xc0 or 0xc1 => [code, 1, 0],
                0xd0 or 0xd1 => [code, 0, 0, 0, 4, 0, 0, 0, 0],
                0xe0 => [code, 2, 0, 0x40],
                0xf0 => [code, 0, 0, 0, 5, 0, 0, 0, 0, 0x40],
                0x56 => [code, 0],
                _ => [code, .. new byte[16]],
            };
            var r = new AmqpReader(b);
            r.ReadValue();
            var s = new AmqpReader(b);
            s.SkipValue();
            Assert.Equal(r.Position, s.Position);
        }
    }

    [Theory]
    // variable-width sizes beyond the data
    [InlineData("a1 05 6162")]
    [InlineData("a3 ff")]
    [InlineData("a0 01")]
    [InlineData("b1 00000005 6162")]
    [InlineData("b0 ffffffff 00")]
    [InlineData("b3 80000000")]
    [InlineData("b1 7fffffff")]
    // list: size beyond the data, count beyond the size, size too small for its count field
    [InlineData("c0 05 01 40")]
    [InlineData("c0 02 05 40")]
    [InlineData("c0 00")]
    [InlineData("c0 ff 01 40")]
    [InlineData("d0 00000010 00000001 40")]
    [InlineData("d0 00000005 7fffffff 40")]
    [InlineData("d0 00000005 ffffffff 40")]
    [InlineData("d0 00000003 000000")]
    [InlineData("d0 ffffffff 00000000")]
    // list items that overrun the list's declared size
    [InlineData("c0 02 01 70 00000001")]
    [InlineData("c0 02 02 40 a1 01 61")]
    // map: odd count, count beyond the size, size beyond the data
    [InlineData("c1 02 01 40")]
    [InlineData("c1 03 03 40 40 40")]
    [InlineData("c1 02 04 40")]
    [InlineData("c1 09 02 40")]
    [InlineData("d1 00000005 00000001 40")]
    [InlineData("d1 00000008 7ffffffe 40 40 40 40")]
    [InlineData("c1 03 02 a1 05 61")]
    // array: count beyond the size, no element constructor, size beyond the data, bad element constructor
    [InlineData("e0 03 05 52 01")]
    [InlineData("e0 01 00")]
    [InlineData("e0 00")]
    [InlineData("e0 0a 01 52 01")]
    [InlineData("e0 02 01 ff")]
    [InlineData("e0 02 01 00")]
    [InlineData("e0 04 01 00 00 53 24")]
    [InlineData("e0 04 01 00 a1 01 61 45")]
    [InlineData("e0 06 01 00 53 24 00 45")]
    [InlineData("f0 00000005 7fffffff 70")]
    [InlineData("f0 00000009 ffffffff 70 00000001")]
    [InlineData("f0 00000003 00000000")]
    [InlineData("e0 03 02 a1 05 61")]
    [InlineData("e0 04 01 e0 01 01")]
    [InlineData("e0 05 01 56 02")]
    // booleans must be 0 or 1
    [InlineData("56 02")]
    [InlineData("56 ff")]
    // descriptors must be ulong or symbol, and be followed by a value
    [InlineData("00")]
    [InlineData("00 53 24")]
    [InlineData("00 a1 01 61 45")]
    [InlineData("00 00 53 24 45 45")]
    [InlineData("00 45 45")]
    [InlineData("00 71 00000001 45")]
    // fixed-width values cut short
    [InlineData("70 0000")]
    [InlineData("80 00000000000000")]
    [InlineData("98 00112233")]
    [InlineData("94 00")]
    public void MalformedEncoding_ReadValueThrowsDecodeError(string hex)
    {
        var e = AssertDecodeError(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadValue());
        Assert.Equal(AmqpErrors.DecodeError, e.Condition);
    }

    [Theory]
    [InlineData("c3 28")] // bad continuation byte
    [InlineData("a0 a1")] // lone continuation bytes
    [InlineData("e2 28 a1")]
    [InlineData("e2 82")] // truncated sequence
    [InlineData("f0 28 8c bc")]
    [InlineData("f0 9f 98")] // truncated four-byte sequence
    [InlineData("ed a0 80")] // UTF-16 surrogate
    [InlineData("ed bf bf")]
    [InlineData("c0 80")] // overlong NUL
    [InlineData("c1 bf")] // overlong
    [InlineData("e0 80 af")] // overlong
    [InlineData("f8 88 80 80 80")] // five-byte form
    [InlineData("f4 90 80 80")] // above U+10FFFF
    [InlineData("ff")]
    [InlineData("fe")]
    [InlineData("61 62 80")]
    public void InvalidUtf8_InStringThrowsDecodeError(string utf8Hex)
    {
        byte[] utf8 = Hex.Bytes(utf8Hex);
        byte[] str8 = [0xa1, (byte)utf8.Length, .. utf8];
        byte[] str32 = [0xb1, 0, 0, 0, (byte)utf8.Length, .. utf8];
        AssertDecodeError(str8, (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError(str8, (ref AmqpReader r) => r.ReadString());
        AssertDecodeError(str8, (ref AmqpReader r) => r.ReadText());
        AssertDecodeError(str32, (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError([0xe0, (byte)(utf8.Length + 3), 1, 0xa1, (byte)utf8.Length, .. utf8], (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError([0xc0, (byte)(utf8.Length + 3), 1, 0xa1, (byte)utf8.Length, .. utf8], (ref AmqpReader r) => r.ReadValue());
        Assert.Throws<AmqpDecodeException>(() => AmqpReader.DecodeUtf8(utf8));

        // the raw-bytes read does not validate (routing compares bytes), and skipping never decodes
        Assert.Equal(utf8.Length, AmqpEncoding.Read(str8, (ref AmqpReader r) => r.ReadStringUtf8().Length));
        Assert.Equal(str8.Length, AmqpEncoding.Read(str8, (ref AmqpReader r) =>
        {
            r.SkipValue();
            return r.Position;
        }));
    }

    [Fact]
    public void Symbol_NonAsciiBytes_AreKeptOneToOne()
    {
        var s = AmqpEncoding.Read(Hex.Bytes("a3 03 61ff80"), (ref AmqpReader r) => r.ReadSymbol());
        Assert.Equal("a\u00ff\u0080", s.Value);
        Assert.Equal("a303 61ff80".Replace(" ", ""), Hex.Of(AmqpEncoding.EncodeValue(s)));
    }

    // ---- nesting ---------------------------------------------------------------------------------------------

    [Fact]
    public void NestedLists_UpToMaxDepth_Decode()
    {
        byte[] b = NestedLists(AmqpReader.MaxDepth);
        object? v = AmqpEncoding.DecodeValue(b);
        for (int i = 0; i < AmqpReader.MaxDepth - 1; i++)
        {
            v = Assert.Single(Assert.IsType<List<object?>>(v));
        }

        Assert.Empty(Assert.IsType<List<object?>>(v));
    }

    [Fact]
    public void NestedLists_BeyondMaxDepth_ThrowDecodeError() =>
        AssertDecodeError(NestedLists(AmqpReader.MaxDepth + 1), (ref AmqpReader r) => r.ReadValue());

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void DeepNesting_OfEveryKind_ThrowsDecodeErrorWithoutOverflowingTheStack(int depth)
    {
        // list8 inside list8 ..., array8 of array8 ..., map8 values, and descriptor chains "00 53 01 00 53 01 ..."
        AssertDecodeError(Repeat([0xc0, 0xff, 0x01], depth, [0x45]), (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError(Repeat([0xe0, 0xff, 0x01, 0xe0], depth, [0x02, 0x00, 0x40]), (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError(Repeat([0xc1, 0xff, 0x02, 0x40], depth, [0x40]), (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError(Repeat([0x00, 0x53, 0x01], depth, [0x40]), (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError(Repeat([0x00, 0x53, 0x01], depth, [0x40]), (ref AmqpReader r) => r.SkipValue());
        AssertDecodeError(Repeat([0x00], depth, [0x53, 0x01, 0x40]), (ref AmqpReader r) => r.SkipValue());
        AssertDecodeError(Repeat([0x00], depth, [0x53, 0x01, 0x40]), (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError(Repeat([0xe0, 0xff, 0x01, 0x00], depth, [0x53, 0x01, 0x40]), (ref AmqpReader r) => r.ReadValue());
    }

    [Fact]
    public void DeepNesting_SkipValueOfACompound_DoesNotRecurse()
    {
        // Skipping walks a compound by its size, so nesting inside it costs nothing.
        byte[] inner = Repeat([0xc0, 0xff, 0x01], 10_000, [0x45]);
        byte[] list32 = [0xd0, 0, 0, 0, 0, 0, 0, 0, 1, .. inner];
        BinaryPrimitives.WriteInt32BigEndian(list32.AsSpan(1), inner.Length + 4);
        var r = new AmqpReader(list32);
        r.SkipValue();
        Assert.True(r.IsAtEnd);
    }

    // ---- counts that are not backed by bytes ---------------------------------------------------------------------

    [Fact]
    public void ZeroWidthArrayElements_WithinBudget_Decode()
    {
        // 1000 "true" elements share the zero-width 0x41 constructor: legal, and bounded.
        byte[] b = [0xf0, 0, 0, 0, 5, 0, 0, 0x03, 0xe8, 0x41];
        var a = Assert.IsType<AmqpArray>(AmqpEncoding.DecodeValue(b));
        Assert.Equal(1000, a.Items.Count);
        Assert.All(a.Items, i => Assert.Equal(true, i));
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x41)]
    [InlineData(0x43)]
    [InlineData(0x44)]
    [InlineData(0x45)]
    public void ZeroWidthArrayElements_HugeCount_ThrowsBeforeAllocating(byte element)
    {
        byte[] b = [0xf0, 0, 0, 0, 5, 0x7f, 0xff, 0xff, 0xff, element];
        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertDecodeError(b, (ref AmqpReader r) => r.ReadValue());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void ZeroWidthArrayElements_ManyArraysInOneValue_BudgetIsPerReader()
    {
        // 7000 nine-byte arrays each declaring 65536 uint0 elements: the old per-array allowance let 63 KB of input
        // allocate about 15 GB. The budget is for the whole reader, so this fails after a few of them.
        const int arrays = 7000;
        byte[] inner = [0, 0, 0, 5, 0, 1, 0, 0, 0x43];
        var b = new List<byte> { 0xf0 };
        b.AddRange(BigEndian(4 + 1 + (arrays * inner.Length)));
        b.AddRange(BigEndian(arrays));
        b.Add(0xf0);
        for (int i = 0; i < arrays; i++)
        {
            b.AddRange(inner);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertDecodeError(b.ToArray(), (ref AmqpReader r) => r.ReadValue());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "allocated more than 64 MB");
    }

    [Fact]
    public void LargeCounts_WithoutTheirBytes_ThrowBeforeAllocating()
    {
        foreach (string hex in new[]
        {
            "d0 00000008 7fffffff 40404040",
            "d1 00000008 7ffffffe 40404040",
            "f0 00000005 7fffffff 52",
            "f0 00000005 7fffffff a1",
            "f0 00000005 7fffffff c0",
            "f0 00000005 7fffffff e0",
            "f0 00000008 7fffffff 00 53 24 45",
        })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            AssertDecodeError(Hex.Bytes(hex), (ref AmqpReader r) => r.ReadValue());
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, hex);
        }
    }

    [Fact]
    public void Seek_OutsideTheBuffer_ThrowsDecodeError()
    {
        AssertDecodeError([0x40], (ref AmqpReader r) => r.Seek(2));
        AssertDecodeError([0x40], (ref AmqpReader r) => r.Seek(-1));
    }

    [Fact]
    public void EndCompound_ValueOverrunsDeclaredEnd_ThrowsDecodeError() =>
        AssertDecodeError([0x40, 0x40], (ref AmqpReader r) =>
        {
            r.ReadValue();
            r.ReadValue();
            r.EndCompound(1);
        });

    [Fact]
    public void EmptyInput_EveryReadThrowsDecodeError()
    {
        AssertDecodeError([], (ref AmqpReader r) => r.ReadValue());
        AssertDecodeError([], (ref AmqpReader r) => r.SkipValue());
        AssertDecodeError([], (ref AmqpReader r) => r.ReadUInt());
        AssertDecodeError([], (ref AmqpReader r) => r.ReadDescriptor());
        AssertDecodeError([], (ref AmqpReader r) => r.ReadListHeader());
        AssertDecodeError([], (ref AmqpReader r) => r.PeekFormatCode());
        var reader = new AmqpReader([]);
        Assert.False(reader.TryReadNull());
        Assert.False(reader.TryReadDescriptor(out _));
        Assert.True(reader.IsAtEnd);
    }

    private static byte[] NestedLists(int depth)
    {
        // depth list8s, each holding the next; the innermost is empty (list0 counts as a list too).
        byte[] b = [0x45];
        for (int i = 1; i < depth; i++)
        {
            b = [0xc0, (byte)(b.Length + 1), 0x01, .. b];
        }

        return b;
    }

    private static byte[] Repeat(byte[] unit, int count, byte[] tail)
    {
        var b = new byte[(unit.Length * count) + tail.Length];
        for (int i = 0; i < count; i++)
        {
            unit.CopyTo(b, i * unit.Length);
        }

        tail.CopyTo(b, unit.Length * count);
        return b;
    }

    private static byte[] BigEndian(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    private delegate void ReadAction(ref AmqpReader reader);

    private static AmqpDecodeException AssertDecodeError(byte[] bytes, ReadAction read) =>
        Assert.Throws<AmqpDecodeException>(() =>
        {
            var r = new AmqpReader(bytes);
            read(ref r);
        });
}
