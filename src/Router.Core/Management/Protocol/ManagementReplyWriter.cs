using System.Buffers;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management;

/// <summary>
/// Encodes a management reply exactly as the C router lays it out (04-management capture, frames #15, #83, #152):
/// header list32 <c>[durable=false]</c>; properties list32 of 6 fields (<c>to</c> = the request's reply-to,
/// <c>correlation-id</c> copied verbatim, so its AMQP type is kept); application-properties map32 with
/// <c>statusCode</c> as a full int (0x71) and <c>statusDescription</c>; the body as an amqp-value.
/// </summary>
internal static class ManagementReplyWriter
{
    private const string StatusCode = "statusCode";
    private const string StatusDescription = "statusDescription";

    public static byte[] Encode(string to, ReadOnlySpan<byte> correlationId, ManagementResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var w = new AmqpWriter(buffer);

        w.WriteDescriptor(Descriptors.Header);
        w.WriteListHeader(1, 1, force32: true);
        w.WriteBoolean(false);

        var m = AmqpWriter.CreateMeasurer();
        m.WriteString(to);
        long propertiesBody = 4 + m.BytesWritten + (correlationId.IsEmpty ? 1 : correlationId.Length);
        w.WriteDescriptor(Descriptors.Properties);
        w.WriteListHeader(6, checked((int)propertiesBody), force32: true);
        w.WriteNull(); // message-id
        w.WriteNull(); // user-id
        w.WriteString(to);
        w.WriteNull(); // subject
        w.WriteNull(); // reply-to
        if (correlationId.IsEmpty)
        {
            w.WriteNull();
        }
        else
        {
            w.WriteRaw(correlationId);
        }

        m = AmqpWriter.CreateMeasurer();
        m.WriteString(StatusCode);
        m.WriteIntFull(response.Status);
        m.WriteString(StatusDescription);
        m.WriteString(response.Description);
        w.WriteDescriptor(Descriptors.ApplicationProperties);
        w.WriteMapHeader(4, checked((int)m.BytesWritten), force32: true);
        if (response.DescriptionFirst)
        {
            w.WriteString(StatusDescription);
            w.WriteString(response.Description);
            w.WriteString(StatusCode);
            w.WriteIntFull(response.Status);
        }
        else
        {
            w.WriteString(StatusCode);
            w.WriteIntFull(response.Status);
            w.WriteString(StatusDescription);
            w.WriteString(response.Description);
        }

        w.WriteDescriptor(Descriptors.AmqpValue);
        ManagementValueWriter.Write(ref w, response.Body, response.Style);
        w.Commit();
        return buffer.WrittenSpan.ToArray();
    }
}
