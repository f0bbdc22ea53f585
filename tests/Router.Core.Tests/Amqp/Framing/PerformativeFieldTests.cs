using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Framing;

/// <summary>
/// Field semantics of the performatives: every encoding of each field type, symbolic descriptors, absent trailing
/// fields, explicit nulls, extra fields, mandatory fields, and the framing errors of <see cref="PerformativeReader"/>.
/// </summary>
public sealed class PerformativeFieldTests
{
    public static TheoryData<string> Names() => new(PerformativeSamples.All().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void SymbolicDescriptors_EverywhereInThePerformative_DecodeTheSame(string name)
    {
        var p = PerformativeSamples.Get(name);
        byte[] symbolic = EncodingVariants.Symbolic(AmqpEncoding.Encode(p));
        Assert.StartsWith("00a3", Hex.Of(symbolic), StringComparison.Ordinal);
        Assert.Equal(AmqpDump.Of(p), DecodeFrameBody(p, symbolic));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void WidestEncodings_OfEveryField_DecodeTheSame(string name)
    {
        var p = PerformativeSamples.Get(name);
        byte[] wide = EncodingVariants.Widest(AmqpEncoding.Encode(p));
        Assert.StartsWith("0080", Hex.Of(wide), StringComparison.Ordinal);
        Assert.Equal(AmqpDump.Of(p), DecodeFrameBody(p, wide));
    }

    [Theory]
    [MemberData(nameof(GoldenFrames))]
    public void CapturedFrames_InSymbolicAndWidestEncodings_DecodeTheSame(string scenario, string packet)
    {
        var f = CaptureFrames.Get(scenario, packet);
        var buffer = ReadOnlySequenceFactory.Whole(f.Bytes);
        Assert.True(FrameReader.TryReadFrame(ref buffer, uint.MaxValue, out var header, out var body));
        var reader = new PerformativeReader();
        var p = header.Type == FrameHeader.TypeSasl ? reader.ReadSasl(body) : reader.ReadAmqp(body, out _);
        string expected = AmqpDump.Of(p);
        byte[] encoded = AmqpEncoding.Encode(p);
        Assert.Equal(expected, DecodeFrameBody(p, EncodingVariants.Symbolic(encoded)));
        Assert.Equal(expected, DecodeFrameBody(p, EncodingVariants.Widest(encoded)));
    }

    public static TheoryData<string, string> GoldenFrames()
    {
        // one frame of each performative per scenario keeps this quick
        var data = new TheoryData<string, string>();
        foreach (var f in CaptureFrames.All.GroupBy(f => (f.Scenario, f.Performative)).Select(g => g.Last()))
        {
            data.Add(f.Scenario, f.Packet);
        }

        return data;
    }

    [Fact]
    public void AbsentTrailingFields_ReadAsNullOrDefault()
    {
        var open = Assert.IsType<Open>(Read("005310 c0 04 01 a10163"));
        Assert.Equal("c", open.ContainerId);
        Assert.Null(open.Hostname);
        Assert.Null(open.MaxFrameSize);
        Assert.Equal(uint.MaxValue, open.EffectiveMaxFrameSize);
        Assert.Equal(ushort.MaxValue, open.EffectiveChannelMax);
        Assert.Null(open.Properties);

        var flow = Assert.IsType<Flow>(Read("005313 c0 05 04 40 43 43 43"));
        Assert.Null(flow.NextIncomingId);
        Assert.Null(flow.Handle);
        Assert.Null(flow.LinkCredit);
        Assert.False(flow.Drain);
        Assert.False(flow.Echo);

        var attach = Assert.IsType<Attach>(Read("005312 c0 05 03 a100 43 42"));
        Assert.Null(attach.SndSettleMode);
        Assert.Null(attach.Source);
        Assert.Null(attach.Target);
        Assert.Null(attach.MaxMessageSize);

        var transfer = Assert.IsType<Transfer>(Read("005314 c0 02 01 43"));
        Assert.Null(transfer.DeliveryId);
        Assert.False(transfer.HasDeliveryTag);
        Assert.Null(transfer.Settled);
        Assert.True(transfer.State.IsNone);

        var d = Assert.IsType<Disposition>(Read("005315 c0 04 02 41 52 05"));
        Assert.Null(d.Last);
        Assert.False(d.Settled);
        Assert.True(d.State.IsNone);
    }

    [Fact]
    public void ExplicitNulls_ReadLikeAbsentFields()
    {
        // flow with all eleven fields present, the optional ones null
        var flow = Assert.IsType<Flow>(Read("005313 c0 0c 0b 40 43 43 43 40 40 40 40 40 40 40"));
        Assert.Equal(AmqpDump.Of(new Flow()), AmqpDump.Of(flow));
        var open = Assert.IsType<Open>(Read("005310 c0 0d 0a a10163 40 40 40 40 40 40 40 40 40"));
        Assert.Equal(AmqpDump.Of(new Open { ContainerId = "c" }), AmqpDump.Of(open));
        var source = Assert.IsType<Attach>(Read("005312 c0 12 06 a100 43 42 40 40 005328 c0 06 05 40 40 40 40 40")).Source;
        Assert.Equal(AmqpDump.Of(new Source()), AmqpDump.Of(source));
    }

    [Fact]
    public void ExtraFields_BeyondTheDefinedOnes_AreSkipped()
    {
        // close with an error field and two more fields a later version might define
        var close = Assert.IsType<Close>(Read("005318 c0 08 03 40 a1 01 78 c0 01 00"));
        Assert.Null(close.Error);
        var detach = Assert.IsType<Detach>(Read("005316 c0 07 04 52 07 41 40 a1 00"));
        Assert.Equal(7u, detach.Handle);
        Assert.True(detach.Closed);
    }

    [Theory]
    [InlineData("005310 45")] // open without container-id
    [InlineData("005310 c0 02 01 40")]
    [InlineData("005311 c0 04 03 40 43 43")] // begin without outgoing-window
    [InlineData("005311 c0 05 04 40 40 43 43")] // begin with null next-outgoing-id
    [InlineData("005312 c0 04 02 a100 43")] // attach without role
    [InlineData("005312 c0 04 03 40 43 42")] // attach with null name
    [InlineData("005313 c0 04 03 40 43 43")] // flow without outgoing-window
    [InlineData("005314 45")] // transfer without handle
    [InlineData("005315 c0 02 01 41")] // disposition without first
    [InlineData("005316 45")] // detach without handle
    public void MissingMandatoryField_IsAnInvalidField(string hex)
    {
        var e = Assert.Throws<AmqpDecodeException>(() => Read(hex));
        Assert.Equal(AmqpErrors.InvalidField, e.Condition);
    }

    [Theory]
    [InlineData("005341 45")] // sasl-init without mechanism
    [InlineData("005344 45")] // sasl-outcome without code
    public void MissingMandatorySaslField_IsAnInvalidField(string hex)
    {
        var e = Assert.Throws<AmqpDecodeException>(() => PerformativeRoundTripTests.Read(new PerformativeReader(), PerformativeRoundTripTests.Frame(hex, type: 1)));
        Assert.Equal(AmqpErrors.InvalidField, e.Condition);
    }

    [Theory]
    [InlineData("005312 c0 07 04 a100 43 42 50 03")] // snd-settle-mode 3
    [InlineData("005312 c0 09 05 a100 43 42 50 02 50 02")] // rcv-settle-mode 2
    public void Attach_InvalidSettleMode_IsAnInvalidField(string hex)
    {
        var e = Assert.Throws<AmqpDecodeException>(() => Read(hex));
        Assert.Equal(AmqpErrors.InvalidField, e.Condition);
    }

    [Theory]
    [InlineData("005314 c0 03 01 a1 00")] // handle as a string
    [InlineData("005310 c0 02 01 43")] // container-id as a uint
    [InlineData("005313 c0 06 04 40 43 43 56 02")] // a boolean 2
    [InlineData("005316 c0 06 03 43 41 00 53 24")] // error with the wrong descriptor, and cut short
    [InlineData("005316 c0 07 03 43 41 00 53 24 45")] // error with the accepted descriptor
    [InlineData("005315 c0 09 05 41 43 40 40 00 53 99 45")] // unknown delivery state
    [InlineData("005312 c0 07 04 a100 43 42 a1 00")] // snd-settle-mode as a string
    public void WrongFieldType_IsADecodeError(string hex)
    {
        var e = Assert.Throws<AmqpDecodeException>(() => Read(hex));
        Assert.NotEqual(AmqpErrors.FramingError, e.Condition);
    }

    // ---- PerformativeReader framing errors ------------------------------------------------------------------------

    [Theory]
    [InlineData("45")] // not described
    [InlineData("40")]
    [InlineData("005399 45")] // unknown descriptor
    [InlineData("005340 c0 03 01 e0 00")] // a SASL descriptor in an AMQP frame
    [InlineData("005370 45")] // a message section descriptor
    [InlineData("00a3 09 616d71703a666f6f3a 45")] // unknown symbol
    [InlineData("005310 c1 01 00")] // a map, not a list
    [InlineData("005310 a1 01 61")]
    [InlineData("005310 c0 10 01 a1 01 63")] // list longer than the frame
    [InlineData("005310 d0 00000100 00000001 a1 01 63")]
    [InlineData("005310")] // cut short after the descriptor
    [InlineData("0053")]
    [InlineData("00")]
    [InlineData("00a3 20 616d71703a")]
    [InlineData("00b3 ffffffff")]
    [InlineData("0000 5310 45")] // a described descriptor
    [InlineData("005310 c0 04 01 a1 01 63 ff")] // bytes after an open, which carries no payload
    [InlineData("005318 45 00")]
    public void MalformedAmqpBody_IsAFramingError(string hex)
    {
        foreach (var shape in Shapes(PerformativeRoundTripTests.Frame(hex)))
        {
            var e = Assert.Throws<AmqpDecodeException>(() => ReadAmqp(shape));
            Assert.Equal(AmqpErrors.FramingError, e.Condition);
        }
    }

    [Theory]
    [InlineData("005310 c0 04 01 a1 01 63")] // an open in a SASL frame
    [InlineData("005399 45")]
    [InlineData("005344 c0 03 01 50 00 40")] // bytes after the outcome
    [InlineData("45")]
    public void MalformedSaslBody_IsAFramingError(string hex)
    {
        foreach (var shape in Shapes(PerformativeRoundTripTests.Frame(hex, type: 1)))
        {
            var e = Assert.Throws<AmqpDecodeException>(() =>
            {
                var buffer = shape;
                Assert.True(FrameReader.TryReadFrame(ref buffer, 512, out _, out var body));
                new PerformativeReader().ReadSasl(body);
            });
            Assert.Equal(AmqpErrors.FramingError, e.Condition);
        }
    }

    [Theory]
    [InlineData("00 80 0000000000000018 45")] // descriptor as a full ulong
    [InlineData("00 a3 0f 616d71703a636c6f73653a6c697374 45")] // amqp:close:list
    [InlineData("00 b3 0000000f 616d71703a636c6f73653a6c697374 45")]
    [InlineData("00 53 18 c0 01 00")]
    [InlineData("00 53 18 d0 00000004 00000000")]
    [InlineData("00 52 18 45")] // smalluint is read as a descriptor too
    [InlineData("00 70 00000018 45")]
    public void CloseDescriptorAndList_InAnyEncoding_AreAccepted(string hex) =>
        Assert.IsType<Close>(Read(hex));

    [Fact]
    public void TransferPayload_IsTheBytesAfterThePerformative_InEveryShape()
    {
        byte[] payload = Enumerable.Range(0, 300).Select(i => (byte)(i * 13)).ToArray();
        byte[] frame = AmqpEncoding.Frame(PerformativeSamples.Get("transfer/full"), payload: payload);
        foreach (var shape in Shapes(frame))
        {
            var buffer = shape;
            Assert.True(FrameReader.TryReadFrame(ref buffer, 1024, out _, out var body));
            Assert.IsType<Transfer>(new PerformativeReader().ReadAmqp(body, out var p));
            Assert.Equal(payload, p.ToArray());
        }
    }

    [Fact]
    public void Open_PropertiesThatAreNotAMap_ReadAsNull()
    {
        var open = Assert.IsType<Open>(Read("005310 c0 0f 0a a10163 40 40 40 40 40 40 40 40 c0 01 00"));
        Assert.Null(open.Properties);
    }

    [Fact]
    public void Attach_UnknownTerminus_IsKeptAsOtherTerminus()
    {
        // a coordinator target (transactions.xml 0x30) with a capability
        var attach = Assert.IsType<Attach>(Read("005312 c0 11 07 a100 43 42 40 40 40 005330 c0 04 01 a301 78"));
        var t = Assert.IsType<OtherTerminus>(attach.Target);
        Assert.Equal(0x30ul, t.DescriptorCode);
    }

    private static DescribedList Read(string hex) =>
        PerformativeRoundTripTests.Read(new PerformativeReader(), PerformativeRoundTripTests.Frame(hex));

    private static DescribedList ReadAmqp(ReadOnlySequence<byte> frame)
    {
        var buffer = frame;
        Assert.True(FrameReader.TryReadFrame(ref buffer, 1 << 16, out _, out var body));
        return new PerformativeReader().ReadAmqp(body, out _);
    }

    private static string DecodeFrameBody(DescribedList p, byte[] performative)
    {
        bool sasl = PerformativeSamples.IsSasl(p);
        var frame = PerformativeRoundTripTests.Frame(Hex.Of(performative), type: sasl ? (byte)1 : (byte)0);
        return AmqpDump.Of(PerformativeRoundTripTests.Read(new PerformativeReader(), frame));
    }

    private static IEnumerable<ReadOnlySequence<byte>> Shapes(byte[] frame)
    {
        yield return ReadOnlySequenceFactory.Whole(frame);
        yield return ReadOnlySequenceFactory.OneBytePerSegment(frame);
        for (int i = 0; i <= frame.Length; i++)
        {
            yield return ReadOnlySequenceFactory.SplitAt(frame, i);
        }
    }
}
