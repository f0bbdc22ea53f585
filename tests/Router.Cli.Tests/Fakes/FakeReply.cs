using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>What the fake server does with a request: the outcome it settles it with and the reply it sends back.</summary>
internal sealed record FakeReply(byte[]? Payload, DeliveryStateKind Outcome = DeliveryStateKind.Accepted)
{
    public static FakeReply None(DeliveryStateKind outcome = DeliveryStateKind.Accepted) => new(null, outcome);

    /// <summary>A reply the way the C router builds one: status properties and an amqp-value body, correlated to the request.</summary>
    public static FakeReply Status(FakeRequest request, int statusCode, string description, object? body)
    {
        var message = new AmqpMessage
        {
            Header = new Header { Durable = false },
            Properties = new Properties { To = request.Message.Properties?.ReplyTo, CorrelationId = request.Message.Properties?.CorrelationId },
            ApplicationProperties = new AmqpMap { { "statusCode", statusCode }, { "statusDescription", description } },
        };
        message.SetValue(body ?? new AmqpMap());
        return new FakeReply(message.ToArray());
    }

    public static FakeReply Ok(FakeRequest request, object? body) => Status(request, 200, "OK", body);
}
