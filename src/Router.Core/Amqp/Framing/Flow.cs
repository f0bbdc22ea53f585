using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>flow (transport.xml 2.7.4). Instances are reused by the engine; decode resets every field.</summary>
public sealed class Flow : DescribedList
{
    public uint? NextIncomingId { get; set; }

    public uint IncomingWindow { get; set; }

    public uint NextOutgoingId { get; set; }

    public uint OutgoingWindow { get; set; }

    public uint? Handle { get; set; }

    public uint? DeliveryCount { get; set; }

    public uint? LinkCredit { get; set; }

    public uint? Available { get; set; }

    public bool Drain { get; set; }

    public bool Echo { get; set; }

    public AmqpMap? Properties { get; set; }

    public override ulong DescriptorCode => Descriptors.Flow;

    public override int FieldCount => LastPresent(
    [
        NextIncomingId.HasValue, true, true, true, Handle.HasValue, DeliveryCount.HasValue, LinkCredit.HasValue,
        Available.HasValue, Drain, Echo, Properties is not null,
    ]);

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        FieldWriting.WriteOptional(ref w, NextIncomingId);
        w.WriteUInt(IncomingWindow);
        w.WriteUInt(NextOutgoingId);
        w.WriteUInt(OutgoingWindow);
        if (n > 4) FieldWriting.WriteOptional(ref w, Handle);
        if (n > 5) FieldWriting.WriteOptional(ref w, DeliveryCount);
        if (n > 6) FieldWriting.WriteOptional(ref w, LinkCredit);
        if (n > 7) FieldWriting.WriteOptional(ref w, Available);
        if (n > 8) w.WriteBoolean(Drain);
        if (n > 9) w.WriteBoolean(Echo);
        if (n > 10) FieldWriting.WriteOptional(ref w, Properties);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        NextIncomingId = r.NextField() ? r.ReadUInt() : null;
        if (!r.NextField())
        {
            ThrowMissing("incoming-window", "flow");
        }

        IncomingWindow = r.ReadUInt();
        if (!r.NextField())
        {
            ThrowMissing("next-outgoing-id", "flow");
        }

        NextOutgoingId = r.ReadUInt();
        if (!r.NextField())
        {
            ThrowMissing("outgoing-window", "flow");
        }

        OutgoingWindow = r.ReadUInt();
        Handle = r.NextField() ? r.ReadUInt() : null;
        DeliveryCount = r.NextField() ? r.ReadUInt() : null;
        LinkCredit = r.NextField() ? r.ReadUInt() : null;
        Available = r.NextField() ? r.ReadUInt() : null;
        Drain = r.NextField() && r.ReadBoolean();
        Echo = r.NextField() && r.ReadBoolean();
        Properties = r.NextField() ? r.ReadValue() as AmqpMap : null;
    }
}
