using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>transfer (transport.xml 2.7.5). Reused by the engine: decoding allocates nothing for the common fields.</summary>
public sealed class Transfer : DescribedList
{
    private DeliveryTag _tag;

    public uint Handle { get; set; }

    public uint? DeliveryId { get; set; }

    public bool HasDeliveryTag { get; set; }

    public ReadOnlySpan<byte> DeliveryTagBytes => _tag.Span;

    public DeliveryTag DeliveryTag
    {
        get => _tag;
        set
        {
            _tag = value;
            HasDeliveryTag = true;
        }
    }

    public uint? MessageFormat { get; set; }

    public bool? Settled { get; set; }

    public bool More { get; set; }

    public ReceiverSettleMode? RcvSettleMode { get; set; }

    public DeliveryState State { get; set; }

    public bool Resume { get; set; }

    public bool Aborted { get; set; }

    public bool Batchable { get; set; }

    public override ulong DescriptorCode => Descriptors.Transfer;

    public override int FieldCount => LastPresent(
    [
        true, DeliveryId.HasValue, HasDeliveryTag, MessageFormat.HasValue, Settled.HasValue, More,
        RcvSettleMode.HasValue, !State.IsNone, Resume, Aborted, Batchable,
    ]);

    public void Reset()
    {
        Handle = 0;
        DeliveryId = null;
        HasDeliveryTag = false;
        _tag = default;
        MessageFormat = null;
        Settled = null;
        More = false;
        RcvSettleMode = null;
        State = default;
        Resume = false;
        Aborted = false;
        Batchable = false;
    }

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        w.WriteUInt(Handle);
        if (n > 1) FieldWriting.WriteOptional(ref w, DeliveryId);
        if (n > 2)
        {
            if (HasDeliveryTag)
            {
                w.WriteBinary(_tag.Span);
            }
            else
            {
                w.WriteNull();
            }
        }

        if (n > 3) FieldWriting.WriteOptional(ref w, MessageFormat);
        if (n > 4) FieldWriting.WriteOptional(ref w, Settled);
        if (n > 5) w.WriteBoolean(More);
        if (n > 6) FieldWriting.WriteOptional(ref w, (byte?)RcvSettleMode);
        if (n > 7) State.Write(ref w);
        if (n > 8) w.WriteBoolean(Resume);
        if (n > 9) w.WriteBoolean(Aborted);
        if (n > 10) w.WriteBoolean(Batchable);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        Reset();
        if (!r.NextField())
        {
            ThrowMissing("handle", "transfer");
        }

        Handle = r.ReadUInt();
        DeliveryId = r.NextField() ? r.ReadUInt() : null;
        if (r.NextField())
        {
            DeliveryTag = DeliveryTag.FromSpan(r.ReadBinary());
        }

        MessageFormat = r.NextField() ? r.ReadUInt() : null;
        Settled = r.NextField() ? r.ReadBoolean() : null;
        More = r.NextField() && r.ReadBoolean();
        RcvSettleMode = r.NextField() ? (ReceiverSettleMode)r.ReadUByte() : null;
        State = r.NextField() ? DeliveryState.Read(ref r) : default;
        Resume = r.NextField() && r.ReadBoolean();
        Aborted = r.NextField() && r.ReadBoolean();
        Batchable = r.NextField() && r.ReadBoolean();
    }
}
