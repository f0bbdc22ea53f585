using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>disposition (transport.xml 2.7.6). Reused by the engine.</summary>
public sealed class Disposition : DescribedList
{
    public LinkRole Role { get; set; }

    public uint First { get; set; }

    public uint? Last { get; set; }

    public bool Settled { get; set; }

    public DeliveryState State { get; set; }

    public bool Batchable { get; set; }

    public override ulong DescriptorCode => Descriptors.Disposition;

    public override int FieldCount => LastPresent([true, true, Last.HasValue, Settled, !State.IsNone, Batchable]);

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        w.WriteBoolean(Role == LinkRole.Receiver);
        w.WriteUInt(First);
        if (n > 2) FieldWriting.WriteOptional(ref w, Last);
        if (n > 3)
        {
            // An unsettled update carries settled as null, as the C router sends it (captures/02-tcp-across #323).
            if (Settled)
            {
                w.WriteBoolean(true);
            }
            else
            {
                w.WriteNull();
            }
        }

        if (n > 4) State.Write(ref w);
        if (n > 5) w.WriteBoolean(Batchable);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        if (!r.NextField())
        {
            ThrowMissing("role", "disposition");
        }

        Role = r.ReadBoolean() ? LinkRole.Receiver : LinkRole.Sender;
        if (!r.NextField())
        {
            ThrowMissing("first", "disposition");
        }

        First = r.ReadUInt();
        Last = r.NextField() ? r.ReadUInt() : null;
        Settled = r.NextField() && r.ReadBoolean();
        State = r.NextField() ? DeliveryState.Read(ref r) : default;
        Batchable = r.NextField() && r.ReadBoolean();
    }
}
