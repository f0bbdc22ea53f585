using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>attach (transport.xml 2.7.3).</summary>
public sealed class Attach : DescribedList
{
    public string Name { get; set; } = "";

    public uint Handle { get; set; }

    public LinkRole Role { get; set; }

    public SenderSettleMode? SndSettleMode { get; set; }

    public ReceiverSettleMode? RcvSettleMode { get; set; }

    public Terminus? Source { get; set; }

    public Terminus? Target { get; set; }

    public AmqpMap? Unsettled { get; set; }

    public bool? IncompleteUnsettled { get; set; }

    public uint? InitialDeliveryCount { get; set; }

    public ulong? MaxMessageSize { get; set; }

    public AmqpSymbol[]? OfferedCapabilities { get; set; }

    public AmqpSymbol[]? DesiredCapabilities { get; set; }

    public AmqpMap? Properties { get; set; }

    public override ulong DescriptorCode => Descriptors.Attach;

    public override int FieldCount => LastPresent(
    [
        true, true, true, SndSettleMode.HasValue, RcvSettleMode.HasValue, Source is not null, Target is not null,
        Unsettled is not null, IncompleteUnsettled.HasValue, InitialDeliveryCount.HasValue, MaxMessageSize.HasValue,
        OfferedCapabilities is not null, DesiredCapabilities is not null, Properties is not null,
    ]);

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        w.WriteString(Name);
        w.WriteUInt(Handle);
        w.WriteBoolean(Role == LinkRole.Receiver);
        if (n > 3) FieldWriting.WriteOptional(ref w, (byte?)SndSettleMode);
        if (n > 4) FieldWriting.WriteOptional(ref w, (byte?)RcvSettleMode);
        if (n > 5) FieldWriting.WriteOptional(ref w, Source);
        if (n > 6) FieldWriting.WriteOptional(ref w, Target);
        if (n > 7) FieldWriting.WriteOptional(ref w, Unsettled);
        if (n > 8) FieldWriting.WriteOptional(ref w, IncompleteUnsettled);
        if (n > 9) FieldWriting.WriteOptional(ref w, InitialDeliveryCount);
        if (n > 10) FieldWriting.WriteOptional(ref w, MaxMessageSize);
        if (n > 11) FieldWriting.WriteSymbols(ref w, OfferedCapabilities);
        if (n > 12) FieldWriting.WriteSymbols(ref w, DesiredCapabilities);
        if (n > 13) FieldWriting.WriteOptional(ref w, Properties);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        if (!r.NextField())
        {
            ThrowMissing("name", "attach");
        }

        Name = r.ReadText();
        if (!r.NextField())
        {
            ThrowMissing("handle", "attach");
        }

        Handle = r.ReadUInt();
        if (!r.NextField())
        {
            ThrowMissing("role", "attach");
        }

        Role = r.ReadBoolean() ? LinkRole.Receiver : LinkRole.Sender;
        SndSettleMode = r.NextField() ? (SenderSettleMode)r.ReadUByte() : null;
        RcvSettleMode = r.NextField() ? (ReceiverSettleMode)r.ReadUByte() : null;
        Source = r.NextField() ? Terminus.ReadOptional(ref r) : null;
        Target = r.NextField() ? Terminus.ReadOptional(ref r) : null;
        Unsettled = r.NextField() ? r.ReadValue() as AmqpMap : null;
        IncompleteUnsettled = r.NextField() ? r.ReadBoolean() : null;
        InitialDeliveryCount = r.NextField() ? r.ReadUInt() : null;
        MaxMessageSize = r.NextField() ? r.ReadULong() : null;
        OfferedCapabilities = r.ReadSymbolsField();
        DesiredCapabilities = r.ReadSymbolsField();
        Properties = r.NextField() ? r.ReadValue() as AmqpMap : null;
        if (SndSettleMode > SenderSettleMode.Mixed || RcvSettleMode > ReceiverSettleMode.Second)
        {
            throw new AmqpDecodeException("invalid settle mode in attach", AmqpErrors.InvalidField);
        }
    }
}
