namespace Skrouterd.Amqp.Framing;

/// <summary>The 8-byte protocol headers (transport.xml 2.2; security.xml 5.1, 5.3): "AMQP" id major minor revision.</summary>
public static class ProtocolHeader
{
    public const int Length = 8;
    public const byte IdAmqp = 0;
    public const byte IdTls = 2;
    public const byte IdSasl = 3;

    public static ReadOnlySpan<byte> Amqp => [(byte)'A', (byte)'M', (byte)'Q', (byte)'P', 0, 1, 0, 0];

    public static ReadOnlySpan<byte> Sasl => [(byte)'A', (byte)'M', (byte)'Q', (byte)'P', 3, 1, 0, 0];

    public static ReadOnlySpan<byte> Tls => [(byte)'A', (byte)'M', (byte)'Q', (byte)'P', 2, 1, 0, 0];

    /// <summary>Classifies 8 header bytes: the protocol id, or -1 if they are not an AMQP 1.0 protocol header.</summary>
    public static int Classify(ReadOnlySpan<byte> header)
    {
        if (header.Length < Length || header[0] != 'A' || header[1] != 'M' || header[2] != 'Q' || header[3] != 'P'
            || header[5] != 1 || header[6] != 0 || header[7] != 0)
        {
            return -1;
        }

        return header[4] is IdAmqp or IdTls or IdSasl ? header[4] : -1;
    }
}
