namespace Skrouterd.Tests.Amqp.TestSupport;

/// <summary>Hex strings for byte vectors; spaces are ignored so vectors can be grouped by field.</summary>
public static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
