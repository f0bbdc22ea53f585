using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>open (transport.xml 2.7.1).</summary>
public sealed class Open : DescribedList
{
    public string ContainerId { get; set; } = "";

    public string? Hostname { get; set; }

    public uint? MaxFrameSize { get; set; }

    public ushort? ChannelMax { get; set; }

    public uint? IdleTimeOut { get; set; }

    public AmqpSymbol[]? OutgoingLocales { get; set; }

    public AmqpSymbol[]? IncomingLocales { get; set; }

    public AmqpSymbol[]? OfferedCapabilities { get; set; }

    public AmqpSymbol[]? DesiredCapabilities { get; set; }

    public AmqpMap? Properties { get; set; }

    public uint EffectiveMaxFrameSize => MaxFrameSize ?? uint.MaxValue;

    public ushort EffectiveChannelMax => ChannelMax ?? ushort.MaxValue;

    public override ulong DescriptorCode => Descriptors.Open;

    public override int FieldCount => LastPresent(
    [
        true, Hostname is not null, MaxFrameSize.HasValue, ChannelMax.HasValue, IdleTimeOut.HasValue,
        OutgoingLocales is not null, IncomingLocales is not null, OfferedCapabilities is not null,
        DesiredCapabilities is not null, Properties is not null,
    ]);

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        w.WriteString(ContainerId);
        if (n > 1) FieldWriting.WriteOptional(ref w, Hostname);
        if (n > 2) FieldWriting.WriteOptional(ref w, MaxFrameSize);
        if (n > 3) FieldWriting.WriteOptional(ref w, ChannelMax);
        if (n > 4) FieldWriting.WriteOptional(ref w, IdleTimeOut);
        if (n > 5) FieldWriting.WriteSymbols(ref w, OutgoingLocales);
        if (n > 6) FieldWriting.WriteSymbols(ref w, IncomingLocales);
        if (n > 7) FieldWriting.WriteSymbols(ref w, OfferedCapabilities);
        if (n > 8) FieldWriting.WriteSymbols(ref w, DesiredCapabilities);
        if (n > 9) FieldWriting.WriteOptional(ref w, Properties);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        if (!r.NextField())
        {
            ThrowMissing("container-id", "open");
        }

        ContainerId = r.ReadText();
        Hostname = r.NextField() ? r.ReadText() : null;
        MaxFrameSize = r.NextField() ? r.ReadUInt() : null;
        ChannelMax = r.NextField() ? r.ReadUShort() : null;
        IdleTimeOut = r.NextField() ? r.ReadUInt() : null;
        OutgoingLocales = r.ReadSymbolsField();
        IncomingLocales = r.ReadSymbolsField();
        OfferedCapabilities = r.ReadSymbolsField();
        DesiredCapabilities = r.ReadSymbolsField();
        Properties = r.NextField() ? r.ReadValue() as AmqpMap : null;
    }
}
