using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>sasl-init (security.xml 5.3.3.2).</summary>
public sealed class SaslInit : DescribedList
{
    public string Mechanism { get; set; } = "";

    public byte[]? InitialResponse { get; set; }

    public string? Hostname { get; set; }

    public override ulong DescriptorCode => Descriptors.SaslInit;

    public override int FieldCount => Hostname is not null ? 3 : InitialResponse is not null ? 2 : 1;

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        w.WriteSymbol(Mechanism);
        if (n > 1) FieldWriting.WriteOptional(ref w, InitialResponse);
        if (n > 2) FieldWriting.WriteOptional(ref w, Hostname);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        if (!r.NextField())
        {
            ThrowMissing("mechanism", "sasl-init");
        }

        Mechanism = r.ReadText();
        InitialResponse = r.NextField() ? r.ReadBinary().ToArray() : null;
        Hostname = r.NextField() ? r.ReadText() : null;
    }
}
