using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>sasl-challenge (security.xml 5.3.3.3).</summary>
public sealed class SaslChallenge : DescribedList
{
    public byte[] Challenge { get; set; } = [];

    public override ulong DescriptorCode => Descriptors.SaslChallenge;

    public override int FieldCount => 1;

    public override void WriteFields(ref AmqpWriter w) => w.WriteBinary(Challenge);

    protected override void ReadFields(ref AmqpReader r)
    {
        Challenge = r.NextField() ? r.ReadBinary().ToArray() : [];
    }
}
