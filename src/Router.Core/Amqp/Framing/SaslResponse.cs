using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>sasl-response (security.xml 5.3.3.4).</summary>
public sealed class SaslResponse : DescribedList
{
    public byte[] Response { get; set; } = [];

    public override ulong DescriptorCode => Descriptors.SaslResponse;

    public override int FieldCount => 1;

    public override void WriteFields(ref AmqpWriter w) => w.WriteBinary(Response);

    protected override void ReadFields(ref AmqpReader r)
    {
        Response = r.NextField() ? r.ReadBinary().ToArray() : [];
    }
}
