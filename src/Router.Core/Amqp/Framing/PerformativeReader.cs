using System.Buffers;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>
/// Decodes the performative at the start of a frame body. The performative's bytes are read in place when they lie in
/// one segment, and copied once into a scratch buffer only when they straddle segments; the payload that follows (a
/// transfer's message bytes) is returned as a slice and never copied here. Transfer, flow and disposition decode into
/// instances reused for the life of the connection, so the steady state allocates nothing.
/// </summary>
public sealed class PerformativeReader
{
    private readonly Transfer _transfer = new();
    private readonly Flow _flow = new();
    private readonly Disposition _disposition = new();
    private byte[] _scratch = [];

    /// <summary>Decodes an AMQP-frame performative. The returned instance may be reused by the next call.</summary>
    public DescribedList ReadAmqp(in ReadOnlySequence<byte> body, out ReadOnlySequence<byte> payload)
    {
        var reader = Linearize(body, out payload);
        var d = reader.ReadDescriptor();
        DescribedList p = d.Code switch
        {
            Descriptors.Transfer => _transfer,
            Descriptors.Flow => _flow,
            Descriptors.Disposition => _disposition,
            Descriptors.Open => new Open(),
            Descriptors.Begin => new Begin(),
            Descriptors.Attach => new Attach(),
            Descriptors.Detach => new Detach(),
            Descriptors.End => new End(),
            Descriptors.Close => new Close(),
            _ => throw new AmqpDecodeException($"unknown performative descriptor {DescribeCode(d)}", AmqpErrors.FramingError),
        };
        p.DecodeBody(ref reader);
        if (!reader.IsAtEnd)
        {
            throw new AmqpDecodeException("bytes after the performative", AmqpErrors.FramingError);
        }

        if (d.Code != Descriptors.Transfer && !payload.IsEmpty)
        {
            throw new AmqpDecodeException("payload after a performative that carries none", AmqpErrors.FramingError);
        }

        return p;
    }

    /// <summary>Decodes a SASL-frame body (security.xml 5.3.3).</summary>
    public DescribedList ReadSasl(in ReadOnlySequence<byte> body)
    {
        var reader = Linearize(body, out var payload);
        var d = reader.ReadDescriptor();
        DescribedList p = d.Code switch
        {
            Descriptors.SaslMechanisms => new SaslMechanisms(),
            Descriptors.SaslInit => new SaslInit(),
            Descriptors.SaslChallenge => new SaslChallenge(),
            Descriptors.SaslResponse => new SaslResponse(),
            Descriptors.SaslOutcome => new SaslOutcome(),
            _ => throw new AmqpDecodeException($"unknown SASL frame descriptor {DescribeCode(d)}", AmqpErrors.FramingError),
        };
        p.DecodeBody(ref reader);
        if (!reader.IsAtEnd || !payload.IsEmpty)
        {
            throw new AmqpDecodeException("bytes after the SASL frame body", AmqpErrors.FramingError);
        }

        return p;
    }

    private static string DescribeCode(Descriptor d) => d.Symbol ?? $"0x{d.Code:x}";

    /// <summary>Finds the performative's length and returns a reader over exactly its bytes.</summary>
    private AmqpReader Linearize(in ReadOnlySequence<byte> body, out ReadOnlySequence<byte> payload)
    {
        long length = MeasurePerformative(body);
        payload = body.Slice(length);
        var first = body.FirstSpan;
        if (first.Length >= length)
        {
            return new AmqpReader(first[..(int)length]);
        }

        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, 256)];
        }

        body.Slice(0, length).CopyTo(_scratch);
        return new AmqpReader(_scratch.AsSpan(0, (int)length));
    }

    /// <summary>Length of descriptor plus list, read from the constructors without decoding the fields.</summary>
    private static long MeasurePerformative(in ReadOnlySequence<byte> body)
    {
        var r = new SequenceReader<byte>(body);
        if (!r.TryRead(out byte b) || b != FormatCode.Described)
        {
            throw new AmqpDecodeException("frame body does not start with a described performative", AmqpErrors.FramingError);
        }

        if (!r.TryRead(out byte dcode))
        {
            Truncated();
        }

        switch (dcode)
        {
            case FormatCode.SmallULong:
            case FormatCode.SmallUInt:
                Skip(ref r, 1);
                break;
            case FormatCode.ULong:
                Skip(ref r, 8);
                break;
            case FormatCode.UInt:
                Skip(ref r, 4);
                break;
            case FormatCode.ULong0:
            case FormatCode.UInt0:
                break;
            case FormatCode.Symbol8:
                Skip(ref r, ReadLength(ref r, 1));
                break;
            case FormatCode.Symbol32:
                Skip(ref r, ReadLength(ref r, 4));
                break;
            default:
                throw new AmqpDecodeException($"invalid descriptor constructor 0x{dcode:x2}", AmqpErrors.FramingError);
        }

        if (!r.TryRead(out byte lcode))
        {
            Truncated();
        }

        switch (lcode)
        {
            case FormatCode.List0:
                break;
            case FormatCode.List8:
                Skip(ref r, ReadLength(ref r, 1));
                break;
            case FormatCode.List32:
                Skip(ref r, ReadLength(ref r, 4));
                break;
            default:
                throw new AmqpDecodeException($"performative is not a list (format code 0x{lcode:x2})", AmqpErrors.FramingError);
        }

        return r.Consumed;
    }

    private static long ReadLength(ref SequenceReader<byte> r, int width)
    {
        if (width == 1)
        {
            if (!r.TryRead(out byte n))
            {
                Truncated();
            }

            return n;
        }

        if (!r.TryReadBigEndian(out int v))
        {
            Truncated();
        }

        return (uint)v;
    }

    private static void Skip(ref SequenceReader<byte> r, long count)
    {
        if (r.Remaining < count)
        {
            Truncated();
        }

        r.Advance(count);
    }

    private static void Truncated() =>
        throw new AmqpDecodeException("performative truncated by the end of its frame", AmqpErrors.FramingError);
}
