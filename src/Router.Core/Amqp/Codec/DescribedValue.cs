namespace Skrouterd.Amqp.Codec;

/// <summary>A described type whose descriptor the generic decoder does not map: ulong or symbol descriptor plus value.</summary>
public sealed record DescribedValue(object Descriptor, object? Value);
