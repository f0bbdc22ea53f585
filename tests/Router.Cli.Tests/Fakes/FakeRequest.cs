using Skrouterd.Amqp.Messaging;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>A management request the fake server received: the message, its bytes, and the target of its link.</summary>
internal sealed record FakeRequest(AmqpMessage Message, byte[] Payload, string? LinkTarget)
{
    public string? Operation => Property("operation") as string;

    public object? Property(string key) =>
        Message.ApplicationProperties is { } p && p.TryGetText(key, out var v) ? v : null;
}
