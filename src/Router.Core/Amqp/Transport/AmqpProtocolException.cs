using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Transport;

/// <summary>A connection-level protocol violation: the connection is closed with this condition and description.</summary>
internal sealed class AmqpProtocolException : Exception
{
    public AmqpProtocolException(string condition, string message)
        : base(message)
    {
        Condition = condition;
    }

    public string Condition { get; }

    public static AmqpProtocolException IllegalState(string message) => new(AmqpErrors.IllegalState, message);
}
