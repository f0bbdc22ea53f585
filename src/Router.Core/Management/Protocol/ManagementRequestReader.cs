using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management;

/// <summary>
/// Decodes a management request message (messaging.xml 3.2). Only what the agent uses is kept: reply-to, the raw
/// correlation-id, application-properties and an amqp-value body. Throws <see cref="AmqpDecodeException"/> on
/// malformed input.
/// </summary>
internal static class ManagementRequestReader
{
    public static ManagementRequest Read(ReadOnlySpan<byte> message)
    {
        string? replyTo = null;
        byte[]? correlationId = null;
        AmqpMap? properties = null;
        object? body = null;
        bool hasBody = false;
        var r = new AmqpReader(message);
        while (!r.IsAtEnd)
        {
            var d = r.ReadDescriptor();
            switch (d.Code)
            {
                case Descriptors.Properties:
                    ReadProperties(ref r, out replyTo, out correlationId);
                    break;
                case Descriptors.ApplicationProperties:
                    properties = r.ReadValue() as AmqpMap;
                    break;
                case Descriptors.AmqpValue:
                    body = r.ReadValue();
                    hasBody = true;
                    break;
                default:
                    r.SkipValue();
                    break;
            }
        }

        return new ManagementRequest
        {
            ReplyTo = replyTo,
            CorrelationIdRaw = correlationId,
            Properties = properties ?? new AmqpMap(),
            HasProperties = properties is not null,
            Body = body,
            HasBody = hasBody,
        };
    }

    // properties (messaging.xml 3.2.4): message-id, user-id, to, subject, reply-to, correlation-id, ...
    private static void ReadProperties(ref AmqpReader r, out string? replyTo, out byte[]? correlationId)
    {
        replyTo = null;
        correlationId = null;
        var header = r.ReadListHeader();
        for (int i = 0; i < header.Count; i++)
        {
            if (r.TryReadNull())
            {
                continue;
            }

            switch (i)
            {
                case 4:
                    replyTo = r.ReadText();
                    break;
                case 5:
                    correlationId = r.ReadRawValue().ToArray();
                    break;
                default:
                    r.SkipValue();
                    break;
            }
        }

        r.EndCompound(header.End);
    }
}
