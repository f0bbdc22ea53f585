using System.Buffers;
using System.Buffers.Binary;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Framing;

/// <summary>Frame splitting (transport.xml 2.3): header checks, partial input, extended headers, heartbeats.</summary>
public sealed class FrameReaderTests
{
    private static readonly byte[] s_begin = Hex.Bytes("0000001a02000000005311c00d044043707fffffff707fffffff");

    [Fact]
    public void EmptyFrame_IsAHeartbeatWithAnEmptyBody()
    {
        var buffer = ReadOnlySequenceFactory.Whole(FrameWriter.EmptyFrame);
        Assert.True(FrameReader.TryReadFrame(ref buffer, 512, out var header, out var body));
        Assert.Equal(new FrameHeader(8, 2, 0, 0), header);
        Assert.True(header.IsEmpty);
        Assert.True(body.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Header_FieldsAreBigEndian()
    {
        byte[] frame = [0, 0, 0, 12, 2, 1, 0x12, 0x34, 1, 2, 3, 4];
        var buffer = ReadOnlySequenceFactory.Whole(frame);
        Assert.True(FrameReader.TryReadFrame(ref buffer, 512, out var header, out var body));
        Assert.Equal(new FrameHeader(12, 2, 1, 0x1234), header);
        Assert.False(header.IsEmpty);
        Assert.Equal("01020304", Hex.Of(body.ToArray()));
    }

    [Fact]
    public void ExtendedHeader_BodyStartsAtDataOffset()
    {
        // DOFF 3: four bytes of extended header (ignored) before the performative
        byte[] frame = [0, 0, 0, 0x1e, 3, 0, 0, 5, 0xee, 0xee, 0xee, 0xee, .. s_begin.AsSpan(8)];
        var decoded = FrameDecoding.DecodeOne(frame);
        Assert.Equal(3, decoded.Header.DataOffset);
        Assert.Equal(5, decoded.Header.Channel);
        Assert.Equal(FrameDecoding.DecodeOne(s_begin).Dump, decoded.Dump);
    }

    [Fact]
    public void PartialFrame_ReturnsFalseAndLeavesTheBufferAlone()
    {
        for (int n = 0; n < s_begin.Length; n++)
        {
            foreach (var buffer0 in Shapes(s_begin[..n]))
            {
                var buffer = buffer0;
                Assert.False(FrameReader.TryReadFrame(ref buffer, 512, out _, out _));
                Assert.Equal(n, buffer.Length);
                Assert.True(buffer.Start.Equals(buffer0.Start));
            }
        }
    }

    [Fact]
    public void TwoFramesAndAPartialThird_ReadsTwoAndKeepsTheRest()
    {
        byte[] stream = [.. s_begin, .. FrameWriter.EmptyFrame, .. s_begin[..10]];
        for (int offset = 0; offset <= stream.Length; offset++)
        {
            var buffer = ReadOnlySequenceFactory.SplitAt(stream, offset);
            var frames = FrameDecoding.ReadAll(new PerformativeReader(), ref buffer);
            Assert.Equal(["Begin", "empty"], frames.Select(f => f.Performative));
            Assert.Equal("0000001a020000000053", Hex.Of(buffer.ToArray()));
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(7u)]
    public void SizeBelowTheHeader_IsAFramingError(uint size)
    {
        byte[] header = [0, 0, 0, 0, 2, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(header, size);
        AssertFramingError(header, 512);
    }

    [Fact]
    public void SizeAboveMaxFrameSize_IsAFramingError_BeforeTheBodyArrives()
    {
        // only the 8 header bytes: the size is refused at once, not waited for
        AssertFramingError(Hex.Bytes("0000020102000000"), 512);
        AssertFramingError(Hex.Bytes("ffffffff02000000"), 16384);
        AssertFramingError(Hex.Bytes("ffffffff02000000"), uint.MaxValue - 1);
    }

    [Fact]
    public void SizeEqualToMaxFrameSize_IsAccepted()
    {
        byte[] frame = new byte[512];
        BinaryPrimitives.WriteUInt32BigEndian(frame, 512);
        frame[4] = 2;
        var buffer = ReadOnlySequenceFactory.Whole(frame);
        Assert.True(FrameReader.TryReadFrame(ref buffer, 512, out var header, out var body));
        Assert.Equal(512u, header.Size);
        Assert.Equal(504, body.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void DataOffsetBelowTwo_IsAFramingError(byte doff) =>
        AssertFramingError([0, 0, 0, 16, doff, 0, 0, 0, 0, 0x53, 0x18, 0x45, 0, 0, 0, 0], 512);

    [Theory]
    [InlineData(3)]
    [InlineData(255)]
    public void DataOffsetBeyondTheFrame_IsAFramingError(byte doff) =>
        AssertFramingError([0, 0, 0, 8, doff, 0, 0, 0], 512);

    [Fact]
    public void DataOffsetEqualToTheFrameSize_IsAnEmptyBody()
    {
        var buffer = ReadOnlySequenceFactory.Whole([0, 0, 0, 12, 3, 0, 0, 0, 9, 9, 9, 9]);
        Assert.True(FrameReader.TryReadFrame(ref buffer, 512, out _, out var body));
        Assert.True(body.IsEmpty);
    }

    [Fact]
    public void HeaderSplitAcrossSegments_IsReadTheSame()
    {
        foreach (var shape in Shapes(s_begin))
        {
            var buffer = shape;
            Assert.True(FrameReader.TryReadFrame(ref buffer, 512, out var header, out var body));
            Assert.Equal(new FrameHeader(26, 2, 0, 0), header);
            Assert.Equal(Hex.Of(s_begin.AsSpan(8)), Hex.Of(body.ToArray()));
        }
    }

    private static IEnumerable<ReadOnlySequence<byte>> Shapes(byte[] bytes)
    {
        yield return ReadOnlySequenceFactory.Whole(bytes);
        yield return ReadOnlySequenceFactory.OneBytePerSegment(bytes);
        for (int offset = 0; offset <= bytes.Length; offset++)
        {
            yield return ReadOnlySequenceFactory.SplitAt(bytes, offset);
        }
    }

    private static void AssertFramingError(byte[] bytes, uint maxFrameSize)
    {
        foreach (var shape in Shapes(bytes))
        {
            var e = Assert.Throws<AmqpDecodeException>(() =>
            {
                var buffer = shape;
                FrameReader.TryReadFrame(ref buffer, maxFrameSize, out _, out _);
            });
            Assert.Equal(AmqpErrors.FramingError, e.Condition);
        }
    }
}
