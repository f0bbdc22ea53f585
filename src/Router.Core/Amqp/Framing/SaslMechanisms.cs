using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>sasl-mechanisms (security.xml 5.3.3.1).</summary>
public sealed class SaslMechanisms : DescribedList
{
    public AmqpSymbol[] Mechanisms { get; set; } = [];

    public override ulong DescriptorCode => Descriptors.SaslMechanisms;

    public override int FieldCount => 1;

    public override void WriteFields(ref AmqpWriter w) => w.WriteSymbolArray(Mechanisms);

    protected override void ReadFields(ref AmqpReader r)
    {
        Mechanisms = r.ReadSymbolsField() ?? [];
    }
}
