using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Framing;

/// <summary>Every performative and SASL frame (transport.xml 2.7, security.xml 5.3.3): encode → decode equals.</summary>
public sealed class PerformativeRoundTripTests
{
    public static TheoryData<string> Names() => new(PerformativeSamples.All().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void EncodeThenDecode_AsAFrame_Equal(string name)
    {
        var p = PerformativeSamples.Get(name);
        bool sasl = PerformativeSamples.IsSasl(p);
        byte[] payload = p is Transfer ? [0x00, 0x53, 0x77, 0xa1, 0x02, 0x68, 0x69] : [];
        byte[] frame = AmqpEncoding.Frame(p, channel: 9, type: sasl ? FrameHeader.TypeSasl : FrameHeader.TypeAmqp, payload: payload);

        var decoded = FrameDecoding.DecodeOne(frame);
        Assert.Equal(p.GetType().Name, decoded.Performative);
        Assert.Equal(AmqpDump.Of(p), decoded.Dump);
        Assert.Equal(payload, decoded.Payload);
        Assert.Equal((ushort)9, decoded.Header.Channel);
        Assert.Equal((uint)frame.Length, decoded.Header.Size);
        Assert.Equal(2, decoded.Header.DataOffset);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EncodeThenDecode_AsAValue_EqualAndConsumesEverything(string name)
    {
        var p = PerformativeSamples.Get(name);
        byte[] bytes = AmqpEncoding.Encode(p);
        Assert.Equal(bytes.Length, FrameWriter.Measure(p));
        var fresh = (DescribedList)Activator.CreateInstance(p.GetType())!;
        var r = new AmqpReader(bytes);
        Assert.Equal(p.DescriptorCode, r.ReadDescriptor().Code);
        fresh.DecodeBody(ref r);
        Assert.True(r.IsAtEnd);
        Assert.Equal(AmqpDump.Of(p), AmqpDump.Of(fresh));

        // the generic decoder sees the same thing as a described list
        var generic = Assert.IsType<DescribedValue>(AmqpEncoding.DecodeValue(bytes));
        Assert.Equal(p.DescriptorCode, generic.Descriptor);
        Assert.Equal(p.FieldCount, Assert.IsType<List<object?>>(generic.Value).Count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EncodedFrame_FedThreeWays_DecodesIdentically(string name)
    {
        var p = PerformativeSamples.Get(name);
        bool sasl = PerformativeSamples.IsSasl(p);
        byte[] payload = p is Transfer ? Enumerable.Range(0, 40).Select(i => (byte)i).ToArray() : [];
        byte[] frame = AmqpEncoding.Frame(p, type: sasl ? FrameHeader.TypeSasl : FrameHeader.TypeAmqp, payload: payload);
        var whole = FrameDecoding.DecodeOne(ReadOnlySequenceFactory.Whole(frame));
        var shapes = Enumerable.Range(0, frame.Length + 1).Select(o => ReadOnlySequenceFactory.SplitAt(frame, o))
            .Append(ReadOnlySequenceFactory.OneBytePerSegment(frame));
        foreach (var shape in shapes)
        {
            var d = FrameDecoding.DecodeOne(shape);
            Assert.Equal(whole.Dump, d.Dump);
            Assert.Equal(payload, d.Payload);
        }
    }

    [Fact]
    public void MinimalEncodings_AreAsShortAsTheSpecAllows()
    {
        Assert.Equal("005310c00401a10163", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("open/minimal"))));
        Assert.Equal("005311c0050440434343", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("begin/minimal"))));
        Assert.Equal("005312c00503a1004342", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("attach/minimal"))));
        Assert.Equal("005313c0050440434343", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("flow/minimal"))));
        Assert.Equal("005314c0020143", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("transfer/minimal"))));
        Assert.Equal("005315c003024243", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("disposition/minimal"))));
        Assert.Equal("005316c0020143", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("detach/minimal"))));
        Assert.Equal("00531745", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("end/minimal"))));
        Assert.Equal("00531845", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("close/minimal"))));
        Assert.Equal("005340c00f01e00c01a309414e4f4e594d4f5553", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("sasl-mechanisms/minimal"))));
        Assert.Equal("005341c00c01a309414e4f4e594d4f5553", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("sasl-init/minimal"))));
        Assert.Equal("005344c003015000", Hex.Of(AmqpEncoding.Encode(PerformativeSamples.Get("sasl-outcome/minimal"))));
        Assert.Equal("0000000c0200000000531845", Hex.Of(AmqpEncoding.Frame(new Close())));
    }

    [Fact]
    public void Detach_FieldCount_FollowsTheLastPresentField()
    {
        Assert.Equal(1, new Detach().FieldCount);
        Assert.Equal(2, new Detach { Closed = true }.FieldCount);
        Assert.Equal(3, new Detach { Error = new AmqpError() }.FieldCount);
        Assert.Equal("005316c0020143", Hex.Of(AmqpEncoding.Encode(new Detach { Handle = 0 })));
        Assert.Equal("005316c003024341", Hex.Of(AmqpEncoding.Encode(new Detach { Handle = 0, Closed = true })));
    }

    [Fact]
    public void PerformativeReader_ReusesTransferFlowDisposition_AndResetsEveryField()
    {
        var reader = new PerformativeReader();
        var full = (Transfer)PerformativeSamples.Get("transfer/full");
        var first = Read(reader, AmqpEncoding.Frame(full));
        var second = Read(reader, AmqpEncoding.Frame(new Transfer { Handle = 1 }));
        Assert.Same(first, second);
        var t = Assert.IsType<Transfer>(second);
        Assert.Equal(AmqpDump.Of(new Transfer { Handle = 1 }), AmqpDump.Of(t));

        var flow1 = Read(reader, AmqpEncoding.Frame(PerformativeSamples.Get("flow/full")));
        var flow2 = Read(reader, AmqpEncoding.Frame(PerformativeSamples.Get("flow/minimal")));
        Assert.Same(flow1, flow2);
        Assert.Equal(AmqpDump.Of(PerformativeSamples.Get("flow/minimal")), AmqpDump.Of(flow2));

        var d1 = Read(reader, AmqpEncoding.Frame(PerformativeSamples.Get("disposition/full")));
        var d2 = Read(reader, AmqpEncoding.Frame(PerformativeSamples.Get("disposition/minimal")));
        Assert.Same(d1, d2);
        Assert.Equal(AmqpDump.Of(PerformativeSamples.Get("disposition/minimal")), AmqpDump.Of(d2));

        // others are new instances each time
        var open = new Open { ContainerId = "x" };
        Assert.NotSame(Read(reader, AmqpEncoding.Frame(open)), Read(reader, AmqpEncoding.Frame(open)));
    }

    [Fact]
    public void DeliveryTag_UpTo32Bytes_RoundTrips_LongerIsAnInvalidField()
    {
        foreach (int n in new[] { 0, 1, 8, 32 })
        {
            byte[] tag = Enumerable.Range(1, n).Select(i => (byte)i).ToArray();
            var t = new Transfer { Handle = 1, DeliveryId = 1, DeliveryTag = DeliveryTag.FromSpan(tag) };
            var back = Assert.IsType<Transfer>(Read(new PerformativeReader(), AmqpEncoding.Frame(t)));
            Assert.True(back.HasDeliveryTag);
            Assert.Equal(tag, back.DeliveryTagBytes.ToArray());
            Assert.Equal(n, back.DeliveryTag.Length);
        }

        var e = Assert.Throws<AmqpDecodeException>(() => DeliveryTag.FromSpan(new byte[33]));
        Assert.Equal(AmqpErrors.InvalidField, e.Condition);
        byte[] frame = Frame("005314c0270343 52 01 a0 21" + new string('0', 66));
        var e2 = Assert.Throws<AmqpDecodeException>(() => Read(new PerformativeReader(), frame));
        Assert.Equal(AmqpErrors.InvalidField, e2.Condition);
    }

    [Fact]
    public void DeliveryTag_FromUInt64_IsEightLittleEndianBytes() =>
        Assert.Equal("0f00000000000000", DeliveryTag.FromUInt64(15).ToString().ToLowerInvariant());

    internal static DescribedList Read(PerformativeReader reader, byte[] frame)
    {
        var buffer = ReadOnlySequenceFactory.Whole(frame);
        Assert.True(FrameReader.TryReadFrame(ref buffer, uint.MaxValue, out var header, out var body));
        return header.Type == FrameHeader.TypeSasl ? reader.ReadSasl(body) : reader.ReadAmqp(body, out _);
    }

    /// <summary>A frame around a hand-written performative (hex, spaces allowed); type 0 unless given.</summary>
    internal static byte[] Frame(string performativeHex, byte type = 0, string payloadHex = "")
    {
        byte[] body = [.. Hex.Bytes(performativeHex), .. Hex.Bytes(payloadHex)];
        byte[] frame = new byte[8 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        frame[4] = 2;
        frame[5] = type;
        body.CopyTo(frame, 8);
        return frame;
    }
}
