using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Framing;

/// <summary>Delivery states and outcomes (messaging.xml 3.4, transactions.xml 4.5) as transfer and disposition carry them.</summary>
public sealed class DeliveryStateTests
{
    public static TheoryData<string, string> States() => new()
    {
        { "none", "40" },
        { "accepted", "00532445" },
        { "released", "00532645" },
        { "received", "005323 c0 03 02 43 44" },
        { "received-large", "005323 c0 0f 02 70 ffffffff 80 ffffffffffffffff" },
        { "rejected", "00532545" },
        { "rejected-error", "005325 c0 17 01 00531d c0 11 01 a3 0e 616d71703a6e6f742d666f756e64" },
        { "modified", "00532745" },
        { "modified-failed", "005327 c0 02 01 41" },
        { "modified-all", "005327 c0 0b 03 41 41 c1 06 02 a3 01 6b 52 01" },
        { "declared", "005333 c0 06 01 a0 03 010203" },
        { "transactional", "005334 c0 08 02 a0 01 07 00532445" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Read_ThenWrite_RoundTrips(string name, string hex)
    {
        byte[] bytes = Hex.Bytes(hex);
        var state = AmqpEncoding.Read(bytes, (ref AmqpReader r) => DeliveryState.Read(ref r));
        byte[] again = AmqpEncoding.Encode((ref AmqpWriter w) => state.Write(ref w));
        var back = AmqpEncoding.Read(again, (ref AmqpReader r) => DeliveryState.Read(ref r));
        Assert.Equal(state, back);
        Assert.Equal(AmqpDump.Of(state), AmqpDump.Of(back));
        Assert.Equal(name.Split('-')[0], state.ToString().Split('(')[0]);

        // and inside a disposition and a transfer, whole and split
        foreach (DescribedList p in new DescribedList[]
        {
            new Disposition { Role = LinkRole.Receiver, First = 1, Settled = true, State = state },
            new Transfer { Handle = 1, State = state },
        })
        {
            byte[] frame = AmqpEncoding.Frame(p);
            for (int offset = 0; offset <= frame.Length; offset += 3)
            {
                Assert.Equal(AmqpDump.Of(p), FrameDecoding.DecodeOne(ReadOnlySequenceFactory.SplitAt(frame, offset)).Dump);
            }
        }
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Read_SymbolicAndWidestEncodings_SameState(string name, string hex)
    {
        _ = name;
        byte[] bytes = Hex.Bytes(hex);
        var state = AmqpEncoding.Read(bytes, (ref AmqpReader r) => DeliveryState.Read(ref r));
        foreach (byte[] variant in new[] { EncodingVariants.Symbolic(bytes), EncodingVariants.Widest(bytes) })
        {
            var v = AmqpEncoding.Read(variant, (ref AmqpReader r) => DeliveryState.Read(ref r));
            Assert.Equal(state.Kind, v.Kind);
            Assert.Equal(state, v);
            if (state.Raw is null)
            {
                Assert.Equal(AmqpDump.Of(state), AmqpDump.Of(v));
            }
        }
    }

    [Fact]
    public void Write_ExactEncodings()
    {
        Assert.Equal("40", Encode(DeliveryState.None));
        Assert.Equal("005324" + "45", Encode(DeliveryState.Accepted));
        Assert.Equal("005326" + "45", Encode(DeliveryState.Released));
        // As the C router writes it (capture 02, #323): list32, section-number uint0, section-offset a full ulong.
        Assert.Equal("005323" + "d00000000e00000002" + "43" + "80000000000005afda", Encode(DeliveryState.Received(0, 372698)));
        Assert.Equal("005325" + "45", Encode(DeliveryState.Rejected(null)));
        Assert.Equal("005327" + "45", Encode(DeliveryState.Modified(false, false)));
        Assert.Equal("005327" + "c0020141", Encode(DeliveryState.Modified(true, false)));
        Assert.Equal("005327" + "c003024241", Encode(DeliveryState.Modified(false, true)));
    }

    [Fact]
    public void Fields_AsDecoded()
    {
        var received = Read("005323 c0 0f 02 70 ffffffff 80 ffffffffffffffff");
        Assert.Equal(DeliveryStateKind.Received, received.Kind);
        Assert.Equal(uint.MaxValue, received.SectionNumber);
        Assert.Equal(ulong.MaxValue, received.SectionOffset);
        Assert.False(received.IsTerminal);

        var rejected = Read("005325 c0 17 01 00531d c0 11 01 a3 0e 616d71703a6e6f742d666f756e64");
        Assert.Equal(AmqpErrors.NotFound, rejected.Error!.Condition);
        Assert.True(rejected.IsTerminal);

        var modified = Read("005327 c0 0b 03 41 41 c1 06 02 a3 01 6b 52 01");
        Assert.True(modified.DeliveryFailed);
        Assert.True(modified.UndeliverableHere);
        Assert.Equal(1u, modified.MessageAnnotations![new AmqpSymbol("k")]);

        var declared = Read("005333 c0 06 01 a0 03 010203");
        Assert.Equal(DeliveryStateKind.Declared, declared.Kind);
        Assert.Equal("005333c00601a003010203", Hex.Of(declared.Raw));
        Assert.True(declared.IsTerminal);

        Assert.True(Read("40").IsNone);
        Assert.True(Read("00532445").IsTerminal);
        Assert.True(Read("005324 c0 01 00").IsTerminal);
        Assert.Equal(DeliveryState.Accepted, Read("005324 d0 00000004 00000000"));
        Assert.Equal(DeliveryState.Released, Read("00 a3 12 616d71703a72656c65617365643a6c697374 45"));
    }

    [Theory]
    [InlineData("005399 45")] // unknown
    [InlineData("005310 45")] // a performative
    [InlineData("45")] // not described
    [InlineData("005323 c1 01 00")] // received as a map
    [InlineData("005323 c0 03 02 a1 00")] // received with a string section-number
    [InlineData("005325 c0 05 01 00532445")] // rejected with a non-error
    [InlineData("005327 c0 02 01 52")] // modified, cut short
    [InlineData("0053")]
    public void Read_Malformed_ThrowsDecodeError(string hex)
    {
        byte[] b = Hex.Bytes(hex);
        Assert.Throws<AmqpDecodeException>(() =>
        {
            var r = new AmqpReader(b);
            DeliveryState.Read(ref r);
        });
    }

    [Fact]
    public void Equality_ComparesKindAndFields()
    {
        Assert.Equal(DeliveryState.Received(1, 2), DeliveryState.Received(1, 2));
        Assert.NotEqual(DeliveryState.Received(1, 2), DeliveryState.Received(1, 3));
        Assert.NotEqual(DeliveryState.Accepted, DeliveryState.Released);
        Assert.Equal(DeliveryState.Rejected(new AmqpError("a", "b")), DeliveryState.Rejected(new AmqpError("a", "b")));
        Assert.NotEqual(DeliveryState.Rejected(new AmqpError("a", "b")), DeliveryState.Rejected(new AmqpError("a", "c")));
        Assert.Equal(DeliveryState.None, default);
    }

    private static DeliveryState Read(string hex) =>
        AmqpEncoding.Read(Hex.Bytes(hex), (ref AmqpReader r) => DeliveryState.Read(ref r));

    private static string Encode(DeliveryState s) => Hex.Of(AmqpEncoding.Encode((ref AmqpWriter w) => s.Write(ref w)));
}
