using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Tests.Amqp.TestSupport;

/// <summary>Performatives and SASL frames with every field set, and with only the mandatory ones.</summary>
public static class PerformativeSamples
{
    public static IEnumerable<(string Name, DescribedList Performative)> All() => Full().Concat(Minimal());

    public static IEnumerable<(string Name, DescribedList Performative)> Full()
    {
        yield return ("open/full", new Open
        {
            ContainerId = "Router.A",
            Hostname = "example.com",
            MaxFrameSize = 16384,
            ChannelMax = 32767,
            IdleTimeOut = 8000,
            OutgoingLocales = ["en-US"],
            IncomingLocales = ["en-US", "fr-FR"],
            OfferedCapabilities = ["ANONYMOUS-RELAY", "qd.streaming-links", "qd.connection_trunking"],
            DesiredCapabilities = ["ANONYMOUS-RELAY"],
            Properties = new AmqpMap
            {
                { new AmqpSymbol("product"), "skupper-router" },
                { new AmqpSymbol("version"), "2.7.6" },
                { new AmqpSymbol("qd.conn-id"), 1 },
            },
        });
        yield return ("begin/full", new Begin
        {
            RemoteChannel = 7,
            NextOutgoingId = 1,
            IncomingWindow = int.MaxValue,
            OutgoingWindow = uint.MaxValue,
            HandleMax = 1023,
            OfferedCapabilities = ["a"],
            DesiredCapabilities = ["b", "c"],
            Properties = new AmqpMap { { new AmqpSymbol("k"), new List<object?> { 1u, "v" } } },
        });
        yield return ("attach/full", new Attach
        {
            Name = "qdlink.JHta3e3USjy0UAu",
            Handle = 300,
            Role = LinkRole.Receiver,
            SndSettleMode = SenderSettleMode.Settled,
            RcvSettleMode = ReceiverSettleMode.Second,
            Source = FullSource(),
            Target = FullTarget(),
            Unsettled = new AmqpMap { { new byte[] { 1, 2 }, new DescribedValue(0x24ul, new List<object?>()) } },
            IncompleteUnsettled = true,
            InitialDeliveryCount = 5,
            MaxMessageSize = ulong.MaxValue,
            OfferedCapabilities = ["qd.streaming-links"],
            DesiredCapabilities = ["x", "y"],
            Properties = new AmqpMap { { new AmqpSymbol("qd.link-priority"), 4 } },
        });
        yield return ("flow/full", new Flow
        {
            NextIncomingId = 16,
            IncomingWindow = int.MaxValue,
            NextOutgoingId = 14,
            OutgoingWindow = 1000,
            Handle = 3,
            DeliveryCount = 16,
            LinkCredit = 250,
            Available = 70000,
            Drain = true,
            Echo = true,
            Properties = new AmqpMap { { new AmqpSymbol("p"), null } },
        });
        var transfer = new Transfer
        {
            Handle = 2,
            DeliveryId = 15,
            DeliveryTag = DeliveryTag.FromSpan(Hex.Bytes("0f00000000000000")),
            MessageFormat = 0x80013700,
            Settled = false,
            More = true,
            RcvSettleMode = ReceiverSettleMode.Second,
            State = DeliveryState.Received(1, 372698),
            Resume = true,
            Aborted = true,
            Batchable = true,
        };
        yield return ("transfer/full", transfer);
        yield return ("disposition/full", new Disposition
        {
            Role = LinkRole.Receiver,
            First = 10,
            Last = uint.MaxValue,
            Settled = true,
            State = DeliveryState.Rejected(new AmqpError(AmqpErrors.NotFound, "no such address") { Info = new AmqpMap { { new AmqpSymbol("address"), "svc" } } }),
            Batchable = true,
        });
        yield return ("detach/full", new Detach
        {
            Handle = 4,
            Closed = true,
            Error = new AmqpError(AmqpErrors.DetachForced, "forced") { Info = new AmqpMap { { new AmqpSymbol("n"), 1ul } } },
        });
        yield return ("end/full", new End { Error = new AmqpError(AmqpErrors.WindowViolation, "window") });
        yield return ("close/full", new Close { Error = new AmqpError(AmqpErrors.FramingError, "bad frame") });
        yield return ("sasl-mechanisms/full", new SaslMechanisms { Mechanisms = ["ANONYMOUS", "PLAIN", "EXTERNAL"] });
        yield return ("sasl-init/full", new SaslInit { Mechanism = "PLAIN", InitialResponse = "\0user\0pass"u8.ToArray(), Hostname = "example.com" });
        yield return ("sasl-challenge/full", new SaslChallenge { Challenge = [1, 2, 3] });
        yield return ("sasl-response/full", new SaslResponse { Response = new byte[300] });
        yield return ("sasl-outcome/full", new SaslOutcome { Code = SaslCode.Auth, AdditionalData = [9] });
    }

    public static IEnumerable<(string Name, DescribedList Performative)> Minimal()
    {
        yield return ("open/minimal", new Open { ContainerId = "c" });
        yield return ("begin/minimal", new Begin { NextOutgoingId = 0, IncomingWindow = 0, OutgoingWindow = 0 });
        yield return ("attach/minimal", new Attach { Name = "", Handle = 0, Role = LinkRole.Sender });
        yield return ("flow/minimal", new Flow { IncomingWindow = 0, NextOutgoingId = 0, OutgoingWindow = 0 });
        yield return ("transfer/minimal", new Transfer { Handle = 0 });
        yield return ("disposition/minimal", new Disposition { Role = LinkRole.Sender, First = 0 });
        yield return ("detach/minimal", new Detach { Handle = 0 });
        yield return ("end/minimal", new End());
        yield return ("close/minimal", new Close());
        yield return ("sasl-mechanisms/minimal", new SaslMechanisms { Mechanisms = ["ANONYMOUS"] });
        yield return ("sasl-init/minimal", new SaslInit { Mechanism = "ANONYMOUS" });
        yield return ("sasl-challenge/minimal", new SaslChallenge());
        yield return ("sasl-response/minimal", new SaslResponse());
        yield return ("sasl-outcome/minimal", new SaslOutcome { Code = SaslCode.Ok });
    }

    public static DescribedList Get(string name) => All().Single(p => p.Name == name).Performative;

    public static bool IsSasl(DescribedList p) => p.DescriptorCode is >= Descriptors.SaslMechanisms and <= Descriptors.SaslOutcome;

    public static Source FullSource() => new()
    {
        Address = "svc",
        Durable = 2,
        ExpiryPolicy = "never",
        Timeout = 30,
        Dynamic = true,
        DynamicNodeProperties = new AmqpMap { { new AmqpSymbol("lifetime-policy"), new DescribedValue(0x2bul, new List<object?>()) } },
        DistributionMode = "copy",
        Filter = new AmqpMap { { new AmqpSymbol("f"), new DescribedValue(new AmqpSymbol("apache.org:selector-filter:string"), "a = 1") } },
        DefaultOutcome = new DescribedValue(0x26ul, new List<object?>()),
        Outcomes = ["amqp:accepted:list", "amqp:released:list"],
        Capabilities = ["qd.router-data"],
    };

    public static Target FullTarget() => new()
    {
        Address = "amqp:/_topo/0/Router.A/$management",
        Durable = 1,
        ExpiryPolicy = "link-detach",
        Timeout = 0,
        Dynamic = false,
        DynamicNodeProperties = new AmqpMap { { new AmqpSymbol("x"), 1L } },
        Capabilities = ["qd.router"],
    };
}
