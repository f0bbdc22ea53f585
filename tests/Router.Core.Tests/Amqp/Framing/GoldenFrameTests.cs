using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Framing;

/// <summary>
/// Frames captured from the C router and its peers (TestData, from shared/captures): each decodes, re-encodes to the
/// same meaning, and decodes identically whether it arrives whole, split at any offset, or one byte at a time.
/// </summary>
public sealed class GoldenFrameTests
{
    public static TheoryData<string, string> Frames() => CaptureFrames.Ids();

    public static TheoryData<string> Scenarios() => new(CaptureFrames.Scenarios);

    [Fact]
    public void TestData_CoversEveryPerformativeAndSaslFrame()
    {
        var names = CaptureFrames.All.Select(f => f.Performative).ToHashSet();
        foreach (string p in new[] { "open", "begin", "attach", "flow", "transfer", "disposition", "detach", "close", "sasl-mechanisms", "sasl-init", "sasl-outcome" })
        {
            Assert.Contains(p, names);
        }

        Assert.True(CaptureFrames.All.Count > 600);
        Assert.True(CaptureFrames.All.Count(f => f.HasWholeMessage) > 100);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void CapturedFrame_Decodes_AndReencodesToTheSameMeaning(string scenario, string packet)
    {
        var f = CaptureFrames.Get(scenario, packet);
        var decoded = FrameDecoding.DecodeOne(f.Bytes);
        Assert.Equal(f.Type, decoded.Header.Type);
        Assert.Equal(f.Channel, decoded.Header.Channel);
        Assert.Equal((uint)f.Bytes.Length, decoded.Header.Size);
        Assert.Equal(f.Performative.Replace("-", "", StringComparison.Ordinal), decoded.Performative, ignoreCase: true);

        // re-encode with our writer: the same performative and payload, in no more bytes than the C encoding
        var again = Reencode(f.Bytes);
        var redecoded = FrameDecoding.DecodeOne(again);
        Assert.Equal(decoded.Dump, redecoded.Dump);
        Assert.Equal(decoded.Payload, redecoded.Payload);
        Assert.Equal(f.Channel, redecoded.Header.Channel);
        Assert.True(again.Length <= f.Bytes.Length, $"re-encoded in {again.Length} bytes, the capture has {f.Bytes.Length}");

        // and encoding is stable: a second round trip gives the same bytes
        Assert.Equal(Hex.Of(again), Hex.Of(Reencode(again)));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void CapturedFrames_WholeSplitAtEveryOffsetAndOneBytePerSegment_DecodeIdentically(string scenario)
    {
        using var fast = FrameDecoding.Fast();
        foreach (var f in CaptureFrames.Load(scenario))
        {
            var whole = FrameDecoding.DecodeOne(ReadOnlySequenceFactory.Whole(f.Bytes));
            for (int offset = 0; offset <= f.Bytes.Length; offset++)
            {
                AssertSame(whole, FrameDecoding.DecodeOne(ReadOnlySequenceFactory.SplitAt(f.Bytes, offset)), f, $"split at {offset}");
            }

            AssertSame(whole, FrameDecoding.DecodeOne(ReadOnlySequenceFactory.OneBytePerSegment(f.Bytes)), f, "one byte per segment");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void CapturedStream_ArrivingInChunks_DecodesEveryFrameInOrder(string scenario)
    {
        using var fast = FrameDecoding.Fast();
        var frames = CaptureFrames.Load(scenario).ToList();
        byte[] stream = frames.SelectMany(f => f.Bytes).ToArray();
        var expected = frames.Select(f => FrameDecoding.DecodeOne(f.Bytes)).ToList();

        // one chunk; one byte per chunk; and random chunkings with fixed seeds
        var chunkings = new List<int[]> { Array.Empty<int>(), Enumerable.Range(1, stream.Length - 1).ToArray() };
        for (int seed = 0; seed < 12; seed++)
        {
            var rng = new Random(seed);
            var ends = new List<int>();
            for (int at = rng.Next(1, 64); at < stream.Length; at += rng.Next(1, seed < 6 ? 64 : 1024))
            {
                ends.Add(at);
            }

            chunkings.Add(ends.ToArray());
        }

        foreach (var ends in chunkings)
        {
            var actual = FrameDecoding.ReadArriving(stream, ends);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                AssertSame(expected[i], actual[i], frames[i], $"chunking of {ends.Length + 1}");
            }
        }
    }

    [Fact]
    public void CapturedStream_SplitAtEveryOffset_DecodesEveryFrame()
    {
        using var fast = FrameDecoding.Fast();
        // The first 16 frames of the management scenario (open, begin, attach, flow, transfers with messages, ...).
        var frames = CaptureFrames.Load("04-management").Take(16).ToList();
        byte[] stream = frames.SelectMany(f => f.Bytes).ToArray();
        var expected = frames.Select(f => FrameDecoding.DecodeOne(f.Bytes)).ToList();
        for (int offset = 1; offset < stream.Length; offset++)
        {
            var actual = FrameDecoding.ReadArriving(stream, [offset]);
            Assert.Equal(expected.Select(e => e.Dump), actual.Select(a => a.Dump));
            Assert.Equal(expected.Select(e => Hex.Of(e.Payload)), actual.Select(a => Hex.Of(a.Payload)));
        }
    }

    // ---- field values of particular frames, as the capture's own rendering lists them --------------------------

    [Fact]
    public void RouterOpen_FieldsAsCaptured()
    {
        // 04 #6: Router.A's open: list8, array32 of sym32 capabilities, map32 properties with a smallint value
        var open = Assert.IsType<Open>(ReadPerformative("04-management", "#6.1"));
        Assert.Equal("Router.A", open.ContainerId);
        Assert.Null(open.Hostname);
        Assert.Equal(16384u, open.MaxFrameSize);
        Assert.Equal((ushort)32767, open.ChannelMax);
        Assert.Equal(8000u, open.IdleTimeOut);
        Assert.Null(open.OutgoingLocales);
        Assert.Null(open.IncomingLocales);
        string[] caps = ["ANONYMOUS-RELAY", "qd.streaming-links", "qd.connection_trunking"];
        Assert.Equal(caps, open.OfferedCapabilities!.Select(s => s.Value));
        Assert.Equal(caps, open.DesiredCapabilities!.Select(s => s.Value));
        Assert.Equal(3, open.Properties!.Count);
        Assert.Equal("skupper-router", open.Properties[new AmqpSymbol("product")]);
        Assert.Equal("2.7.6", open.Properties[new AmqpSymbol("version")]);
        Assert.Equal(1, open.Properties[new AmqpSymbol("qd.conn-id")]);
    }

    [Fact]
    public void ClientOpen_AbsentAndNullFieldsReadAsNull()
    {
        var open = Assert.IsType<Open>(ReadPerformative("04-management", "#4.1"));
        Assert.Equal("d9a9564f-fa2b-4dd5-98b0-30c12fe29926", open.ContainerId);
        Assert.Equal("127.0.0.1", open.Hostname);
        Assert.Null(open.MaxFrameSize);
        Assert.Equal(uint.MaxValue, open.EffectiveMaxFrameSize);
        Assert.Equal((ushort)32767, open.ChannelMax);
        Assert.Null(open.IdleTimeOut);
        Assert.Null(open.OfferedCapabilities);
        Assert.Null(open.Properties);
    }

    [Fact]
    public void Begin_FieldsAsCaptured()
    {
        var begin = Assert.IsType<Begin>(ReadPerformative("04-management", "#8.1"));
        Assert.Null(begin.RemoteChannel);
        Assert.Equal(0u, begin.NextOutgoingId);
        Assert.Equal(2147483647u, begin.IncomingWindow);
        Assert.Equal(2147483647u, begin.OutgoingWindow);
        Assert.Null(begin.HandleMax);
    }

    [Fact]
    public void InterRouterAttach_FieldsAsCaptured()
    {
        // 01 #33.12: Router.B's inter-router receiver link, source and target with a single-symbol capability
        var attach = Assert.IsType<Attach>(ReadPerformative("01-interior-pair", "#33.12"));
        Assert.Equal("qdlink.JHta3e3USjy0UAu", attach.Name);
        Assert.Equal(0u, attach.Handle);
        Assert.Equal(LinkRole.Receiver, attach.Role);
        Assert.Equal(SenderSettleMode.Mixed, attach.SndSettleMode);
        Assert.Equal(ReceiverSettleMode.First, attach.RcvSettleMode);
        var source = Assert.IsType<Source>(attach.Source);
        Assert.Null(source.Address);
        Assert.Equal(0u, source.Durable);
        Assert.Equal("link-detach", source.ExpiryPolicy);
        Assert.Equal(0u, source.Timeout);
        Assert.False(source.Dynamic);
        Assert.True(source.HasCapability("qd.router"));
        var target = Assert.IsType<Target>(attach.Target);
        Assert.Equal("link-detach", target.ExpiryPolicy);
        Assert.Equal(["qd.router"], target.Capabilities!.Select(c => c.Value));
        Assert.Null(attach.Unsettled);
        Assert.Null(attach.IncompleteUnsettled);
        Assert.Equal(0u, attach.InitialDeliveryCount);
        Assert.Equal(0ul, attach.MaxMessageSize);
        Assert.Null(attach.OfferedCapabilities);
    }

    [Fact]
    public void Flow_FieldsAsCaptured()
    {
        var flow = Assert.IsType<Flow>(ReadPerformative("01-interior-pair", "#142.1"));
        Assert.Equal(16u, flow.NextIncomingId);
        Assert.Equal(2147483647u, flow.IncomingWindow);
        Assert.Equal(14u, flow.NextOutgoingId);
        Assert.Equal(2147483647u, flow.OutgoingWindow);
        Assert.Equal(0u, flow.Handle);
        Assert.Equal(16u, flow.DeliveryCount);
        Assert.Equal(250u, flow.LinkCredit);
        Assert.Null(flow.Available);
        Assert.False(flow.Drain);
        Assert.False(flow.Echo);
        Assert.Null(flow.Properties);
    }

    [Fact]
    public void Transfer_FieldsAndPayloadAsCaptured()
    {
        var f = CaptureFrames.Get("01-interior-pair", "#140.1");
        var buffer = ReadOnlySequenceFactory.Whole(f.Bytes);
        Assert.True(FrameReader.TryReadFrame(ref buffer, FrameDecoding.MaxFrameSize, out _, out var body));
        var transfer = Assert.IsType<Transfer>(new PerformativeReader().ReadAmqp(body, out var payload));
        Assert.Equal(0u, transfer.Handle);
        Assert.Equal(15u, transfer.DeliveryId);
        Assert.True(transfer.HasDeliveryTag);
        Assert.Equal("0f00000000000000", Hex.Of(transfer.DeliveryTagBytes));
        Assert.Equal(0u, transfer.MessageFormat);
        Assert.True(transfer.Settled);
        Assert.False(transfer.More);
        Assert.Null(transfer.RcvSettleMode);
        Assert.True(transfer.State.IsNone);
        Assert.Equal(214, payload.Length);
        Assert.Equal(Hex.Of(f.Bytes.AsSpan(f.Bytes.Length - 214)), Hex.Of(payload.ToArray()));
        Assert.Equal("0080534b50522d2d5241", Hex.Of(payload.Slice(0, 10).ToArray()));
    }

    [Fact]
    public void Disposition_ReceivedStateAsCaptured()
    {
        var d = Assert.IsType<Disposition>(FrameDecodingOf("0000002802000000005315c01b0541434040005323d00000000e000000024380000000000005afda"));
        Assert.Equal(LinkRole.Receiver, d.Role);
        Assert.Equal(0u, d.First);
        Assert.Null(d.Last);
        Assert.False(d.Settled);
        Assert.Equal(DeliveryStateKind.Received, d.State.Kind);
        Assert.Equal(0u, d.State.SectionNumber);
        Assert.Equal(372698ul, d.State.SectionOffset);
    }

    [Fact]
    public void Disposition_AcceptedAsCaptured()
    {
        // 03 #87: role true, first 2, last null, settled true, state accepted (list0)
        var d = Assert.IsType<Disposition>(FrameDecodingOf("0000001702000000005315c00a05415202404100532445"));
        Assert.Equal(LinkRole.Receiver, d.Role);
        Assert.Equal(2u, d.First);
        Assert.Null(d.Last);
        Assert.True(d.Settled);
        Assert.Equal(DeliveryState.Accepted, d.State);
    }

    [Fact]
    public void DetachAndClose_AsCaptured()
    {
        var detach = Assert.IsType<Detach>(FrameDecodingOf("0000001002000000005316c003024341"));
        Assert.Equal(0u, detach.Handle);
        Assert.True(detach.Closed);
        Assert.Null(detach.Error);
        var close = Assert.IsType<Close>(FrameDecodingOf("0000000c0200000000531845"));
        Assert.Null(close.Error);
    }

    [Fact]
    public void SaslFrames_AsCaptured()
    {
        var reader = new PerformativeReader();
        var mechanisms = Assert.IsType<SaslMechanisms>(ReadSasl(reader, "0000001c02010000005340c00f01e00c01a309414e4f4e594d4f5553"));
        Assert.Equal(["ANONYMOUS"], mechanisms.Mechanisms.Select(m => m.Value));
        var init = Assert.IsType<SaslInit>(ReadSasl(reader, "0000002702010000005341c01a02a309414e4f4e594d4f5553a00c616e6f6e796d6f757340766d"));
        Assert.Equal("ANONYMOUS", init.Mechanism);
        Assert.Equal("anonymous@vm"u8.ToArray(), init.InitialResponse);
        Assert.Null(init.Hostname);
        var outcome = Assert.IsType<SaslOutcome>(ReadSasl(reader, "0000001002010000005344c003015000"));
        Assert.Equal(SaslCode.Ok, outcome.Code);
        Assert.Null(outcome.AdditionalData);
    }

    private static DescribedList ReadPerformative(string scenario, string packet) =>
        FrameDecodingOf(Hex.Of(CaptureFrames.Get(scenario, packet).Bytes));

    private static DescribedList FrameDecodingOf(string hex)
    {
        var buffer = ReadOnlySequenceFactory.Whole(Hex.Bytes(hex));
        Assert.True(FrameReader.TryReadFrame(ref buffer, FrameDecoding.MaxFrameSize, out var header, out var body));
        Assert.Equal(FrameHeader.TypeAmqp, header.Type);
        Assert.True(buffer.IsEmpty);
        return new PerformativeReader().ReadAmqp(body, out _);
    }

    private static DescribedList ReadSasl(PerformativeReader reader, string hex)
    {
        var buffer = ReadOnlySequenceFactory.Whole(Hex.Bytes(hex));
        Assert.True(FrameReader.TryReadFrame(ref buffer, 512, out var header, out var body));
        Assert.Equal(FrameHeader.TypeSasl, header.Type);
        return reader.ReadSasl(body);
    }

    /// <summary>Decodes a frame and writes it again with <see cref="FrameWriter"/>.</summary>
    private static byte[] Reencode(byte[] frame)
    {
        var buffer = ReadOnlySequenceFactory.Whole(frame);
        Assert.True(FrameReader.TryReadFrame(ref buffer, FrameDecoding.MaxFrameSize, out var header, out var body));
        var reader = new PerformativeReader();
        if (header.Type == FrameHeader.TypeSasl)
        {
            return AmqpEncoding.Frame(reader.ReadSasl(body), header.Channel, header.Type);
        }

        var p = reader.ReadAmqp(body, out var payload);
        return AmqpEncoding.Frame(p, header.Channel, header.Type, payload.ToArray());
    }

    private static void AssertSame(DecodedFrame expected, DecodedFrame actual, CapturedFrame f, string how)
    {
        Assert.True(expected.Dump == actual.Dump, $"{f} {how}: {actual.Dump} != {expected.Dump}");
        Assert.True(expected.Header == actual.Header, $"{f} {how}: header {actual.Header}");
        Assert.True(expected.Payload.AsSpan().SequenceEqual(actual.Payload), $"{f} {how}: payload differs");
    }
}
