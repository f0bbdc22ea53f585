namespace Skrouterd.Amqp.Codec;

/// <summary>An AMQP symbol: ASCII text that is a distinct type from string on the wire.</summary>
public readonly record struct AmqpSymbol(string Value)
{
    public static implicit operator AmqpSymbol(string value) => new(value);

    public override string ToString() => Value;
}
