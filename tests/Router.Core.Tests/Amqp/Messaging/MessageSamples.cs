using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Messaging;

namespace Skrouterd.Tests.Amqp.Messaging;

/// <summary>Messages with every section (messaging.xml 3.2), and with each kind of body.</summary>
internal static class MessageSamples
{
    public static AmqpMessage Full() => new()
    {
        Header = new Header { Durable = true, Priority = 9, Ttl = 60000, FirstAcquirer = true, DeliveryCount = 3 },
        DeliveryAnnotations = new AmqpMap { { new AmqpSymbol("x-opt-da"), "d" } },
        MessageAnnotations = new AmqpMap { { new AmqpSymbol("x-opt-ma"), 1L }, { 5ul, new AmqpMap() } },
        Properties = FullProperties(),
        ApplicationProperties = new AmqpMap { { "operation", "QUERY" }, { "type", "io.skupper.router.listener" }, { "count", 7 } },
        Data = [[1, 2, 3], [], new byte[300]],
        Footer = new AmqpMap { { new AmqpSymbol("x-opt-footer"), new byte[] { 0xff } } },
    };

    public static Properties FullProperties() => new()
    {
        MessageId = 12345ul,
        UserId = "admin"u8.ToArray(),
        To = "amqp:/_topo/0/Router.A/$management",
        Subject = "subject",
        ReplyTo = "amqp:/_topo/0/Router.A/temp.abc",
        CorrelationId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
        ContentType = "application/json",
        ContentEncoding = "gzip",
        AbsoluteExpiryTime = new AmqpTimestamp(1_700_000_060_000),
        CreationTime = new AmqpTimestamp(1_700_000_000_000),
        GroupId = "group",
        GroupSequence = 42,
        ReplyToGroupId = "reply-group",
    };

    public static IEnumerable<(string Name, AmqpMessage Message)> All()
    {
        yield return ("full", Full());
        yield return ("empty", new AmqpMessage());
        yield return ("header-only", new AmqpMessage { Header = new Header() });
        yield return ("value-null", WithValue(null));
        yield return ("value-map", WithValue(new AmqpMap { { "id", "Router.A" }, { "seen", new List<object?> { "Router.B" } } }));
        yield return ("value-described", WithValue(new DescribedValue(new AmqpSymbol("x:y"), 1u)));
        yield return ("sequence", new AmqpMessage { Sequence = [[1, "a"], [], [null]] });
        yield return ("message-ids", new AmqpMessage { Properties = new Properties { MessageId = "id-1", CorrelationId = new byte[] { 1, 2 } } });
        yield return ("message-ids-2", new AmqpMessage { Properties = new Properties { MessageId = Guid.Empty, CorrelationId = ulong.MaxValue } });
        yield return ("properties-fixed-count", new AmqpMessage { Properties = new Properties { To = "svc", MinimumFieldCount = 6 }, Data = [[0]] });
    }

    public static AmqpMessage Get(string name) => All().Single(m => m.Name == name).Message;

    private static AmqpMessage WithValue(object? value)
    {
        var m = new AmqpMessage { Properties = new Properties { To = "svc" } };
        m.SetValue(value);
        return m;
    }
}
