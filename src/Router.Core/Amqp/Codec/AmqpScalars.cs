namespace Skrouterd.Amqp.Codec;

/// <summary>IEEE 754 decimal32, kept as its raw bits (the router never does decimal arithmetic).</summary>
public readonly record struct AmqpDecimal32(uint Bits);

/// <summary>IEEE 754 decimal64, kept as its raw bits.</summary>
public readonly record struct AmqpDecimal64(ulong Bits);

/// <summary>IEEE 754 decimal128, kept as its raw bits (high then low 64 bits, network order).</summary>
public readonly record struct AmqpDecimal128(ulong High, ulong Low);

/// <summary>A UTF-32 code point (AMQP char).</summary>
public readonly record struct AmqpChar(uint CodePoint)
{
    public override string ToString() =>
        System.Text.Rune.IsValid((int)CodePoint) ? new System.Text.Rune((int)CodePoint).ToString() : $"U+{CodePoint:X}";
}

/// <summary>AMQP timestamp: milliseconds since the Unix epoch (signed 64-bit).</summary>
public readonly record struct AmqpTimestamp(long Milliseconds)
{
    public static AmqpTimestamp FromDateTimeOffset(DateTimeOffset t) => new(t.ToUnixTimeMilliseconds());
}
