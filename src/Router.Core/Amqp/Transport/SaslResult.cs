namespace Skrouterd.Amqp.Transport;

/// <summary>Outcome of connection set-up: the SASL mechanism used (null if the peer skipped SASL) and the identity.</summary>
internal sealed record SaslResult(string? Mechanism, bool Authenticated, string? User);
