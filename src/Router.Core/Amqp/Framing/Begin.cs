using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>begin (transport.xml 2.7.2).</summary>
public sealed class Begin : DescribedList
{
    public ushort? RemoteChannel { get; set; }

    public uint NextOutgoingId { get; set; }

    public uint IncomingWindow { get; set; }

    public uint OutgoingWindow { get; set; }

    public uint? HandleMax { get; set; }

    public AmqpSymbol[]? OfferedCapabilities { get; set; }

    public AmqpSymbol[]? DesiredCapabilities { get; set; }

    public AmqpMap? Properties { get; set; }

    public override ulong DescriptorCode => Descriptors.Begin;

    public override int FieldCount => LastPresent(
    [
        RemoteChannel.HasValue, true, true, true, HandleMax.HasValue, OfferedCapabilities is not null,
        DesiredCapabilities is not null, Properties is not null,
    ]);

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        FieldWriting.WriteOptional(ref w, RemoteChannel);
        w.WriteUInt(NextOutgoingId);
        w.WriteUInt(IncomingWindow);
        w.WriteUInt(OutgoingWindow);
        if (n > 4) FieldWriting.WriteOptional(ref w, HandleMax);
        if (n > 5) FieldWriting.WriteSymbols(ref w, OfferedCapabilities);
        if (n > 6) FieldWriting.WriteSymbols(ref w, DesiredCapabilities);
        if (n > 7) FieldWriting.WriteOptional(ref w, Properties);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        RemoteChannel = r.NextField() ? r.ReadUShort() : null;
        if (!r.NextField())
        {
            ThrowMissing("next-outgoing-id", "begin");
        }

        NextOutgoingId = r.ReadUInt();
        if (!r.NextField())
        {
            ThrowMissing("incoming-window", "begin");
        }

        IncomingWindow = r.ReadUInt();
        if (!r.NextField())
        {
            ThrowMissing("outgoing-window", "begin");
        }

        OutgoingWindow = r.ReadUInt();
        HandleMax = r.NextField() ? r.ReadUInt() : null;
        OfferedCapabilities = r.ReadSymbolsField();
        DesiredCapabilities = r.ReadSymbolsField();
        Properties = r.NextField() ? r.ReadValue() as AmqpMap : null;
    }
}
