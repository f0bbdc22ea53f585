using System.Buffers;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Messaging;

/// <summary>
/// A whole message as objects (messaging.xml 3.2), for the control plane: management requests and replies,
/// routing-protocol messages. The data path never builds one; it forwards encoded bytes.
/// </summary>
public sealed class AmqpMessage
{
    public Header? Header { get; set; }

    public AmqpMap? DeliveryAnnotations { get; set; }

    public AmqpMap? MessageAnnotations { get; set; }

    public Properties? Properties { get; set; }

    public AmqpMap? ApplicationProperties { get; set; }

    /// <summary>Body as data sections (each a byte[]).</summary>
    public List<byte[]>? Data { get; set; }

    /// <summary>Body as amqp-sequence sections.</summary>
    public List<List<object?>>? Sequence { get; set; }

    /// <summary>Body as an amqp-value section (set <see cref="HasValue"/>; the value may be null).</summary>
    public object? Value { get; set; }

    public bool HasValue { get; set; }

    public AmqpMap? Footer { get; set; }

    public void SetValue(object? value)
    {
        Value = value;
        HasValue = true;
    }

    public void Encode(IBufferWriter<byte> output)
    {
        var w = new AmqpWriter(output);
        Encode(ref w);
        w.Commit();
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public void Encode(ref AmqpWriter w)
    {
        Header?.Encode(ref w);
        WriteMapSection(ref w, Codec.Descriptors.DeliveryAnnotations, DeliveryAnnotations);
        WriteMapSection(ref w, Codec.Descriptors.MessageAnnotations, MessageAnnotations);
        Properties?.Encode(ref w);
        WriteMapSection(ref w, Codec.Descriptors.ApplicationProperties, ApplicationProperties);
        if (Data is not null)
        {
            foreach (var d in Data)
            {
                w.WriteDescriptor(Codec.Descriptors.Data);
                w.WriteBinary(d);
            }
        }

        if (Sequence is not null)
        {
            foreach (var s in Sequence)
            {
                w.WriteDescriptor(Codec.Descriptors.AmqpSequence);
                w.WriteValue(s);
            }
        }

        if (HasValue)
        {
            w.WriteDescriptor(Codec.Descriptors.AmqpValue);
            w.WriteValue(Value);
        }

        WriteMapSection(ref w, Codec.Descriptors.Footer, Footer);
    }

    private static void WriteMapSection(ref AmqpWriter w, ulong descriptor, AmqpMap? map)
    {
        if (map is not null)
        {
            w.WriteDescriptor(descriptor);
            w.WriteValue(map);
        }
    }

    /// <summary>
    /// Decodes a whole message. Sections are recognised by numeric or symbolic descriptor; a router-annotations
    /// section, if present, is skipped. Throws <see cref="AmqpDecodeException"/> for malformed input.
    /// </summary>
    public static AmqpMessage Decode(ReadOnlySpan<byte> bytes)
    {
        var m = new AmqpMessage();
        var r = new AmqpReader(bytes);
        while (!r.IsAtEnd)
        {
            var d = r.ReadDescriptor();
            switch (d.Code)
            {
                case Codec.Descriptors.RouterAnnotations:
                    r.SkipValue();
                    break;
                case Codec.Descriptors.Header:
                    m.Header = new Header();
                    m.Header.DecodeBody(ref r);
                    break;
                case Codec.Descriptors.DeliveryAnnotations:
                    m.DeliveryAnnotations = ReadMap(ref r);
                    break;
                case Codec.Descriptors.MessageAnnotations:
                    m.MessageAnnotations = ReadMap(ref r);
                    break;
                case Codec.Descriptors.Properties:
                    m.Properties = new Properties();
                    m.Properties.DecodeBody(ref r);
                    break;
                case Codec.Descriptors.ApplicationProperties:
                    m.ApplicationProperties = ReadMap(ref r);
                    break;
                case Codec.Descriptors.Data:
                    (m.Data ??= []).Add(r.ReadBinary().ToArray());
                    break;
                case Codec.Descriptors.AmqpSequence:
                    (m.Sequence ??= []).Add(r.ReadValue() as List<object?> ?? throw new AmqpDecodeException("amqp-sequence is not a list"));
                    break;
                case Codec.Descriptors.AmqpValue:
                    m.SetValue(r.ReadValue());
                    break;
                case Codec.Descriptors.Footer:
                    m.Footer = ReadMap(ref r);
                    break;
                default:
                    throw new AmqpDecodeException($"unknown message section {d.Symbol ?? "0x" + d.Code.ToString("x")}");
            }
        }

        return m;
    }

    private static AmqpMap? ReadMap(ref AmqpReader r) =>
        r.ReadValue() switch
        {
            null => null,
            AmqpMap map => map,
            _ => throw new AmqpDecodeException("message section is not a map"),
        };
}
