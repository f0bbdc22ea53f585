using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>detach (transport.xml 2.7.7).</summary>
public sealed class Detach : DescribedList
{
    public uint Handle { get; set; }

    public bool Closed { get; set; }

    public AmqpError? Error { get; set; }

    public override ulong DescriptorCode => Descriptors.Detach;

    public override int FieldCount => Error is not null ? 3 : Closed ? 2 : 1;

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        w.WriteUInt(Handle);
        if (n > 1) w.WriteBoolean(Closed);
        if (n > 2) FieldWriting.WriteOptional(ref w, Error);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        if (!r.NextField())
        {
            ThrowMissing("handle", "detach");
        }

        Handle = r.ReadUInt();
        Closed = r.NextField() && r.ReadBoolean();
        Error = r.NextField() ? AmqpError.ReadOptional(ref r) : null;
    }
}
