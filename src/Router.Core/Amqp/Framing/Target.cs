using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>target (messaging.xml 3.5.4).</summary>
public sealed class Target : Terminus
{
    public override ulong DescriptorCode => Descriptors.Target;

    public override int FieldCount => LastPresent(
    [
        Address is not null, Durable.HasValue, ExpiryPolicy is not null, Timeout.HasValue, Dynamic.HasValue,
        DynamicNodeProperties is not null, Capabilities is not null,
    ]);

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        if (n > 0) FieldWriting.WriteOptional(ref w, Address);
        if (n > 1) FieldWriting.WriteOptional(ref w, Durable);
        if (n > 2) FieldWriting.WriteOptionalSymbol(ref w, ExpiryPolicy);
        if (n > 3) FieldWriting.WriteOptional(ref w, Timeout);
        if (n > 4) FieldWriting.WriteOptional(ref w, Dynamic);
        if (n > 5) FieldWriting.WriteOptional(ref w, DynamicNodeProperties);
        if (n > 6) FieldWriting.WriteSymbols(ref w, Capabilities);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        Address = r.NextField() ? r.ReadText() : null;
        Durable = r.NextField() ? r.ReadUInt() : null;
        ExpiryPolicy = r.NextField() ? r.ReadText() : null;
        Timeout = r.NextField() ? r.ReadUInt() : null;
        Dynamic = r.NextField() ? r.ReadBoolean() : null;
        DynamicNodeProperties = r.NextField() ? r.ReadValue() as AmqpMap : null;
        Capabilities = r.ReadSymbolsField();
    }
}
