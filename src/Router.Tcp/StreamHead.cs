using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Routing;

namespace Skrouterd.Tcp;

/// <summary>
/// The sections in front of a TCP stream message, legacy encapsulation (adaptors.md §2.3): properties as a list32 of
/// exactly 5 fields (message-id and user-id null, `to`, `subject` = the flow's global id, `reply-to` or null) and
/// application-properties as a map32 `{:flowid (symbol) → flow id (string)[, "alpn" → protocol]}`; no header,
/// no content-type. Data sections follow.
/// </summary>
internal sealed record StreamHead(string To, string? Subject, string? ReplyTo, string? FlowId, string? Alpn, string? ContentType)
{
    private static readonly AmqpSymbol s_flowIdKey = new(":flowid");

    /// <summary>A buffer per thread for <see cref="AppendTo"/>: a head is written and copied out at once.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the head as the first bytes of <paramref name="message"/> (no array per flow).</summary>
    public void AppendTo(Message message)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        Write(buffer);
        message.Append(buffer.WrittenSpan, buffer.WrittenCount);
    }

    private void Write(IBufferWriter<byte> buffer)
    {
        var w = new AmqpWriter(buffer);
        w.WriteDescriptor(Descriptors.Properties);
        var m = AmqpWriter.CreateMeasurer();
        WriteProperties(ref m);
        w.WriteListHeader(5, (int)m.BytesWritten, force32: true);
        WriteProperties(ref w);

        w.WriteDescriptor(Descriptors.ApplicationProperties);
        m = AmqpWriter.CreateMeasurer();
        int count = WriteApplicationProperties(ref m);
        w.WriteMapHeader(count, (int)m.BytesWritten, force32: true);
        WriteApplicationProperties(ref w);
        w.Commit();
    }

    private void WriteProperties(ref AmqpWriter w)
    {
        w.WriteNull();
        w.WriteNull();
        w.WriteString(To);
        if (Subject is null)
        {
            w.WriteNull();
        }
        else
        {
            w.WriteString(Subject);
        }

        if (ReplyTo is null)
        {
            w.WriteNull();
        }
        else
        {
            w.WriteString(ReplyTo);
        }
    }

    private int WriteApplicationProperties(ref AmqpWriter w)
    {
        int count = 0;
        if (FlowId is not null)
        {
            w.WriteSymbol(s_flowIdKey);
            w.WriteString(FlowId);
            count += 2;
        }

        if (Alpn is not null)
        {
            w.WriteString("alpn");
            w.WriteString(Alpn);
            count += 2;
        }

        return count;
    }

    /// <summary>Result of parsing the head of a received stream message.</summary>
    public enum ParseResult
    {
        Complete,
        NeedMoreData,
        Malformed,
    }

    /// <summary>
    /// Reads the sections before the body (skipping router annotations, header and annotations). Returns the head and
    /// how many bytes precede the first body section.
    /// </summary>
    public static ParseResult TryParse(ReadOnlySpan<byte> bytes, bool complete, out StreamHead? head, out int length)
    {
        head = null;
        length = 0;
        var r = new AmqpReader(bytes);
        string? to = null, subject = null, replyTo = null, flowId = null, alpn = null, contentType = null;
        try
        {
            bool done = false;
            while (!done)
            {
                if (r.IsAtEnd)
                {
                    if (!complete)
                    {
                        return ParseResult.NeedMoreData;
                    }

                    break;
                }

                int start = r.Position;
                var d = r.ReadDescriptor();
                switch (d.Code)
                {
                    case Descriptors.Data:
                    case Descriptors.AmqpValue:
                    case Descriptors.AmqpSequence:
                    case Descriptors.Footer:
                        r.Seek(start);
                        done = true;
                        break;
                    case Descriptors.Properties:
                        {
                            var h = r.ReadListHeader();
                            int saved = r.EnterFields(h.Count);
                            if (r.NextField())
                            {
                                r.SkipValue();
                            }

                            if (r.NextField())
                            {
                                r.SkipValue();
                            }

                            to = r.NextField() ? r.ReadText() : null;
                            subject = r.NextField() ? r.ReadText() : null;
                            replyTo = r.NextField() ? r.ReadText() : null;
                            if (r.NextField())
                            {
                                r.SkipValue();
                            }

                            contentType = r.NextField() ? r.ReadText() : null;
                            r.ExitFields(h.End, saved);

                            // A content-type marks the lite encapsulation, whose application-properties are
                            // optional: the head is complete enough to be refused (adaptors.md §2.8).
                            done = contentType is not null;
                            break;
                        }

                    case Descriptors.ApplicationProperties:
                        {
                            if (r.ReadValue() is AmqpMap map)
                            {
                                if (map.TryGetText(":flowid", out var f) && f is string fs)
                                {
                                    flowId = fs;
                                }

                                if (map.TryGetText("alpn", out var a) && a is string al)
                                {
                                    alpn = al;
                                }
                            }

                            // The application-properties end the head of a stream message; the body may not have
                            // started yet (a flow's message is sent before the client writes anything).
                            done = true;
                            break;
                        }

                    default:
                        r.SkipValue();
                        break;
                }
            }
        }
        catch (AmqpDecodeException) when (!complete)
        {
            return ParseResult.NeedMoreData;
        }
        catch (AmqpDecodeException)
        {
            return ParseResult.Malformed;
        }

        if (to is null && replyTo is null && flowId is null && contentType is null && subject is null)
        {
            return ParseResult.Malformed;
        }

        head = new StreamHead(to ?? "", subject, replyTo, flowId, alpn, contentType);
        length = r.Position;
        return ParseResult.Complete;
    }
}
