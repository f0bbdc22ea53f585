using System.Text;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Routing;
using Skrouterd.Tests.Amqp.Messaging;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Routing;

/// <summary>
/// <see cref="MessageAddressReader.Scan"/> finds the destination (router-annotations to-override, else properties.to)
/// in a message prefix. A prefix of a good message must give the final answer or NeedMoreData, never a wrong answer
/// or an error: the router calls it again as more frames arrive, and rejects the delivery on a decode error.
/// </summary>
public sealed class MessageAddressReaderTests
{
    private const string RaNoOverride = "0080534b50522d2d5241d000000027000000044340a10a302f526f757465722e41d00000001000000001a10a302f526f757465722e41";

    public static TheoryData<string, string> CapturedMessages() => AmqpMessageTests.CapturedMessages();

    [Theory]
    [MemberData(nameof(CapturedMessages))]
    public void CapturedMessage_FindsTheAddressTheRouterUsed(string scenario, string packet)
    {
        var f = CaptureFrames.Get(scenario, packet);
        byte[] message = AmqpMessageTests.Payload(f);
        var result = MessageAddressReader.Scan(message, out var to);
        if (f.ExpectedTo == "")
        {
            Assert.Equal(AddressLookup.NoAddress, result);
        }
        else
        {
            Assert.Equal(AddressLookup.Found, result);
            Assert.Equal(f.ExpectedTo, Encoding.UTF8.GetString(to));
        }
    }

    [Theory]
    [MemberData(nameof(CapturedMessages))]
    public void CapturedMessage_EveryPrefix_GivesNeedMoreDataOrTheFinalAnswer(string scenario, string packet) =>
        AssertPrefixesConsistent(AmqpMessageTests.Payload(CaptureFrames.Get(scenario, packet)));

    public static TheoryData<string, string, string> Messages() => new()
    {
        // name, hex of the message, expected ("" = NoAddress)
        { "properties.to", Hex.Of(WithTo("svc").ToArray()), "svc" },
        { "symbol to", "005373 c0 08 03 40 40 a3 03 737663 005377 40", "svc" },
        { "str32 to in list32", "005373 d0 00000011 00000003 40 40 b1 00000003 737663 005377 40", "svc" },
        { "no to", Hex.Of(new AmqpMessage { Properties = new Properties { Subject = "s" }, Data = [[1]] }.ToArray()), "" },
        { "null to", "005373 c0 04 03 40 40 40 005377 40", "" },
        { "empty to", "005373 c0 05 03 40 40 a1 00 005377 40", "" },
        { "short properties", "005373 c0 03 02 40 40 005377 40", "" },
        { "empty properties", "005373 45 005377 40", "" },
        { "no properties", "005370 45 005375 a0 01 00", "" },
        { "every leading section", Hex.Of(MessageSamples.Full().ToArray()), "amqp:/_topo/0/Router.A/$management" },
        { "router annotations without override", RaNoOverride + Hex.Of(WithTo("svc").ToArray()), "svc" },
        { "router annotations override", RaWithOverride("svc2") + Hex.Of(WithTo("svc").ToArray()), "svc2" },
        { "override without properties", RaWithOverride("svc3") + "005377 40", "svc3" },
        { "symbolic descriptors", Hex.Of(AmqpMessageTests.PerSection(MessageSamples.Full().ToArray(), EncodingVariants.ToSymbolic)), "amqp:/_topo/0/Router.A/$management" },
        { "widest encodings", Hex.Of(AmqpMessageTests.PerSection(MessageSamples.Full().ToArray(), EncodingVariants.ToWidest)), "amqp:/_topo/0/Router.A/$management" },
        { "long symbolic descriptors", Hex.Of(AmqpMessageTests.PerSection(WithHeaders(40).ToArray(), EncodingVariants.ToSymbolic)), "svc" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Scan_FindsToOrReportsNoAddress(string name, string hex, string expected)
    {
        _ = name;
        var result = MessageAddressReader.Scan(Hex.Bytes(hex), out var to);
        Assert.Equal(expected == "" ? AddressLookup.NoAddress : AddressLookup.Found, result);
        Assert.Equal(expected, Encoding.UTF8.GetString(to));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Scan_EveryPrefix_GivesNeedMoreDataOrTheFinalAnswer(string name, string hex, string expected)
    {
        _ = name;
        _ = expected;
        AssertPrefixesConsistent(Hex.Bytes(hex));
    }

    [Fact]
    public void Scan_NothingYet_NeedsMoreData()
    {
        Assert.Equal(AddressLookup.NeedMoreData, MessageAddressReader.Scan([], out _));
        Assert.Equal(AddressLookup.NeedMoreData, MessageAddressReader.Scan(Hex.Bytes("005370 45"), out _));
    }

    [Theory]
    [InlineData("005373 c0 05 03 40 40 52 07")] // to that is a uint
    [InlineData("005373 c0 05 03 40 40 a1 05 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f")] // list shorter than its fields
    public void Scan_MalformedProperties_ThrowsOnlyDecodeErrors(string hex)
    {
        try
        {
            var r = MessageAddressReader.Scan(Hex.Bytes(hex), out _);
            Assert.NotEqual(AddressLookup.Found, r);
        }
        catch (AmqpDecodeException)
        {
        }
    }

    private static void AssertPrefixesConsistent(byte[] message)
    {
        var final = MessageAddressReader.Scan(message, out var finalTo);
        string finalText = Hex.Of(finalTo);
        for (int n = 0; n < message.Length; n++)
        {
            AddressLookup r;
            string to;
            try
            {
                r = MessageAddressReader.Scan(message.AsSpan(0, n), out var t);
                to = Hex.Of(t);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"prefix of {n} of {message.Length} bytes: {e.GetType().Name}: {e.Message}");
            }

            Assert.True(
                r == AddressLookup.NeedMoreData || (r == final && to == finalText),
                $"prefix of {n} of {message.Length} bytes gave {r} '{to}', the whole message {final} '{finalText}'");
        }
    }

    private static AmqpMessage WithTo(string to) => new() { Properties = new Properties { To = to }, Data = [[1, 2, 3]] };

    private static AmqpMessage WithHeaders(int annotations)
    {
        var m = WithTo("svc");
        m.Header = new Header { Durable = true };
        m.MessageAnnotations = new AmqpMap();
        for (int i = 0; i < annotations; i++)
        {
            m.MessageAnnotations.Add(new AmqpSymbol("x-opt-" + i), i);
        }

        return m;
    }

    private static string RaWithOverride(string to)
    {
        // router-annotations (SKPR--RA): flags, to-override, ingress-router, trace
        var ra = new List<object?> { 0u, to, "0/Router.A", new List<object?> { "0/Router.A" } };
        byte[] list = AmqpEncoding.EncodeValue(ra);
        return "0080534b50522d2d5241" + Hex.Of(list);
    }
}
