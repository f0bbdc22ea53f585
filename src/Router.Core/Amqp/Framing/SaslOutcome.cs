using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>sasl-outcome (security.xml 5.3.3.5).</summary>
public sealed class SaslOutcome : DescribedList
{
    public SaslCode Code { get; set; }

    public byte[]? AdditionalData { get; set; }

    public override ulong DescriptorCode => Descriptors.SaslOutcome;

    public override int FieldCount => AdditionalData is not null ? 2 : 1;

    public override void WriteFields(ref AmqpWriter w)
    {
        w.WriteUByte((byte)Code);
        if (FieldCount > 1) FieldWriting.WriteOptional(ref w, AdditionalData);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        if (!r.NextField())
        {
            ThrowMissing("code", "sasl-outcome");
        }

        Code = (SaslCode)r.ReadUByte();
        AdditionalData = r.NextField() ? r.ReadBinary().ToArray() : null;
    }
}
