using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Messaging;

/// <summary>Message sections (messaging.xml 3.2): header, annotations, properties, application-properties, bodies, footer.</summary>
public sealed class AmqpMessageTests
{
    public static TheoryData<string> Names() => new(MessageSamples.All().Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void EncodeThenDecode_Equal(string name)
    {
        var m = MessageSamples.Get(name);
        byte[] bytes = m.ToArray();
        var measure = AmqpWriter.CreateMeasurer();
        m.Encode(ref measure);
        Assert.Equal(bytes.Length, measure.BytesWritten);
        var back = AmqpMessage.Decode(bytes);

        // MinimumFieldCount is an encoding choice, not part of what the message says
        if (m.Properties is not null && back.Properties is not null)
        {
            back.Properties.MinimumFieldCount = m.Properties.MinimumFieldCount;
        }

        Assert.Equal(AmqpDump.Of(m), AmqpDump.Of(back));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SymbolicDescriptorsAndWidestEncodings_DecodeTheSame(string name)
    {
        var m = MessageSamples.Get(name);
        byte[] bytes = m.ToArray();
        string expected = Normalized(AmqpMessage.Decode(bytes));
        Assert.Equal(expected, Normalized(AmqpMessage.Decode(PerSection(bytes, EncodingVariants.ToSymbolic))));
        Assert.Equal(expected, Normalized(AmqpMessage.Decode(PerSection(bytes, EncodingVariants.ToWidest))));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryProperPrefix_ThrowsDecodeErrorOrDecodesFewerSections(string name)
    {
        byte[] bytes = MessageSamples.Get(name).ToArray();
        for (int n = 0; n < bytes.Length; n++)
        {
            byte[] prefix = bytes[..n];
            try
            {
                AmqpMessage.Decode(prefix); // a prefix ending between sections is itself a message
            }
            catch (AmqpDecodeException)
            {
            }
        }
    }

    [Fact]
    public void Header_ExactEncodings()
    {
        Assert.Equal("00537045", Hex.Of(AmqpEncoding.Encode(new Header())));
        Assert.Equal("005370c0020141", Hex.Of(AmqpEncoding.Encode(new Header { Durable = true })));
        Assert.Equal(
            "005370c00805" + "42" + "5009" + "520a" + "40" + "43",
            Hex.Of(AmqpEncoding.Encode(new Header { Durable = false, Priority = 9, Ttl = 10, DeliveryCount = 0 })));
    }

    [Fact]
    public void Properties_FixedFieldCount_WritesTrailingNulls()
    {
        // the C router writes properties as list32 with a fixed count; MinimumFieldCount reproduces the count
        var p = new Properties { To = "svc", MinimumFieldCount = 6 };
        Assert.Equal("005373c00b06" + "4040a103737663404040", Hex.Of(AmqpEncoding.Encode(p)));
        Assert.Equal("005373c00803" + "4040a103737663", Hex.Of(AmqpEncoding.Encode(new Properties { To = "svc" })));
    }

    [Fact]
    public void Properties_AllFieldTypes_AsDecoded()
    {
        var p = AmqpMessage.Decode(MessageSamples.Full().ToArray()).Properties!;
        Assert.Equal(12345ul, p.MessageId);
        Assert.Equal("admin"u8.ToArray(), p.UserId);
        Assert.Equal("amqp:/_topo/0/Router.A/$management", p.To);
        Assert.Equal(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), p.CorrelationId);
        Assert.Equal("application/json", p.ContentType);
        Assert.Equal(new AmqpTimestamp(1_700_000_000_000), p.CreationTime);
        Assert.Equal(42u, p.GroupSequence);
        Assert.Equal("reply-group", p.ReplyToGroupId);
    }

    [Fact]
    public void RouterAnnotations_AreSkipped()
    {
        byte[] ra = Hex.Bytes("0080534b50522d2d5241d000000027000000044340a10a302f526f757465722e41d00000001000000001a10a302f526f757465722e41");
        byte[] rest = MessageSamples.Get("value-map").ToArray();
        var m = AmqpMessage.Decode([.. ra, .. rest]);
        Assert.Equal(AmqpDump.Of(AmqpMessage.Decode(rest)), AmqpDump.Of(m));
    }

    [Theory]
    [InlineData("005399 45")] // unknown section
    [InlineData("00a3 05 782d792d7a 45")] // unknown symbolic section
    [InlineData("005371 c0 01 00")] // delivery-annotations that are a list
    [InlineData("005372 a1 00")] // message-annotations that are a string
    [InlineData("005374 45")] // application-properties that are a list
    [InlineData("005378 52 01")] // footer that is a uint
    [InlineData("005376 c1 01 00")] // amqp-sequence that is a map
    [InlineData("005375 a1 01 61")] // data that is a string
    [InlineData("005370 c1 01 00")] // header that is a map
    [InlineData("005373 a1 00")] // properties that is a string
    [InlineData("005373 c0 02 01 71")] // properties cut short
    [InlineData("45")] // not a section
    [InlineData("40")]
    [InlineData("0053")]
    [InlineData("005377")] // amqp-value without its value
    [InlineData("005373 c0 06 02 40 a1 02 6162")] // user-id that is a string
    [InlineData("005373 c0 0b 09 40 40 40 40 40 40 40 40 43")] // absolute-expiry-time as a uint
    public void Malformed_ThrowsDecodeError(string hex)
    {
        byte[] b = Hex.Bytes(hex);
        Assert.Throws<AmqpDecodeException>(() => AmqpMessage.Decode(b));
    }

    [Fact]
    public void NullMapSections_ReadAsAbsent()
    {
        var m = AmqpMessage.Decode(Hex.Bytes("005371 40 005372 40 005374 40 005378 40"));
        Assert.Null(m.DeliveryAnnotations);
        Assert.Null(m.MessageAnnotations);
        Assert.Null(m.ApplicationProperties);
        Assert.Null(m.Footer);
    }

    public static TheoryData<string, string> CapturedMessages()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in CaptureFrames.All.Where(f => f.HasWholeMessage))
        {
            data.Add(f.Scenario, f.Packet);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CapturedMessages))]
    public void CapturedMessage_Decodes_AndReencodesToTheSameMeaning(string scenario, string packet)
    {
        byte[] payload = Payload(CaptureFrames.Get(scenario, packet));
        var m = AmqpMessage.Decode(payload);
        var again = AmqpMessage.Decode(m.ToArray());
        Assert.Equal(Normalized(m), Normalized(again));
        Assert.Equal(Normalized(m), Normalized(AmqpMessage.Decode(PerSection(payload, EncodingVariants.ToWidest))));
    }

    [Fact]
    public void CapturedHello_SectionsAsCaptured()
    {
        // 01 #140: router-annotations, header, properties (list32 of 6), application-properties, amqp-value map
        var m = AmqpMessage.Decode(Payload(CaptureFrames.Get("01-interior-pair", "#140.1")));
        Assert.False(m.Header!.Durable);
        Assert.Equal("amqp:/_local/qdhello", m.Properties!.To);
        Assert.Null(m.Properties.MessageId);
        Assert.Equal("HELLO", m.ApplicationProperties!["opcode"]);
        var body = Assert.IsType<AmqpMap>(m.Value);
        Assert.True(m.HasValue);
        Assert.Equal("Router.A", body["id"]);
        Assert.Equal(1, body["pv"]);
        Assert.Equal("0", body["area"]);
        Assert.Equal(1795243774, body["instance"]);
        Assert.Equal(["Router.B"], Assert.IsType<List<object?>>(body["seen"]));
    }

    internal static byte[] Payload(CapturedFrame f)
    {
        var buffer = ReadOnlySequenceFactory.Whole(f.Bytes);
        Assert.True(FrameReader.TryReadFrame(ref buffer, uint.MaxValue, out _, out var body));
        Assert.IsType<Transfer>(new PerformativeReader().ReadAmqp(body, out var payload));
        return payload.ToArray();
    }

    /// <summary>Re-encodes each section of a message after transforming its generic value.</summary>
    internal static byte[] PerSection(byte[] message, Func<object?, object?> transform)
    {
        var r = new AmqpReader(message);
        var output = new List<byte>();
        while (!r.IsAtEnd)
        {
            output.AddRange(AmqpEncoding.EncodeValue(transform(r.ReadValue())));
        }

        return output.ToArray();
    }

    private static string Normalized(AmqpMessage m)
    {
        if (m.Properties is not null)
        {
            m.Properties.MinimumFieldCount = 0;
        }

        return AmqpDump.Of(m);
    }
}
