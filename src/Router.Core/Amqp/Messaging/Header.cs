using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Amqp.Messaging;

/// <summary>header section (messaging.xml 3.2.1).</summary>
public sealed class Header : DescribedList
{
    public bool? Durable { get; set; }

    public byte? Priority { get; set; }

    public uint? Ttl { get; set; }

    public bool? FirstAcquirer { get; set; }

    public uint? DeliveryCount { get; set; }

    public override ulong DescriptorCode => Descriptors.Header;

    public override int FieldCount =>
        LastPresent([Durable.HasValue, Priority.HasValue, Ttl.HasValue, FirstAcquirer.HasValue, DeliveryCount.HasValue]);

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        if (n > 0) FieldWriting.WriteOptional(ref w, Durable);
        if (n > 1) FieldWriting.WriteOptional(ref w, Priority);
        if (n > 2) FieldWriting.WriteOptional(ref w, Ttl);
        if (n > 3) FieldWriting.WriteOptional(ref w, FirstAcquirer);
        if (n > 4) FieldWriting.WriteOptional(ref w, DeliveryCount);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        Durable = r.NextField() ? r.ReadBoolean() : null;
        Priority = r.NextField() ? r.ReadUByte() : null;
        Ttl = r.NextField() ? r.ReadUInt() : null;
        FirstAcquirer = r.NextField() ? r.ReadBoolean() : null;
        DeliveryCount = r.NextField() ? r.ReadUInt() : null;
    }
}
