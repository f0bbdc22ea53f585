namespace Skrouterd.Amqp.Codec;

/// <summary>
/// The one exception type the codec throws for bad input: malformed, truncated or over-limit encodings.
/// Carries the AMQP error condition to close with (amqp:decode-error unless a frame-level rule says otherwise).
/// </summary>
public sealed class AmqpDecodeException : Exception
{
    public AmqpDecodeException(string message, string condition = AmqpErrors.DecodeError)
        : base(message)
    {
        Condition = condition;
    }

    public string Condition { get; }
}
