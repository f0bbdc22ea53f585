using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Client;

/// <summary>A link flow as proton writes it (transport.xml 2.7.4; captured #14): nine fields, available null, drain false.</summary>
internal sealed class ProtonFlow : DescribedList
{
    public uint NextIncomingId { get; init; }

    public uint IncomingWindow { get; init; }

    public uint NextOutgoingId { get; init; }

    public uint OutgoingWindow { get; init; }

    public uint Handle { get; init; }

    public uint DeliveryCount { get; init; }

    public uint LinkCredit { get; init; }

    public override ulong DescriptorCode => Descriptors.Flow;

    public override int FieldCount => 9;

    public override void WriteFields(ref AmqpWriter w)
    {
        w.WriteUInt(NextIncomingId);
        w.WriteUInt(IncomingWindow);
        w.WriteUInt(NextOutgoingId);
        w.WriteUInt(OutgoingWindow);
        w.WriteUInt(Handle);
        w.WriteUInt(DeliveryCount);
        w.WriteUInt(LinkCredit);
        w.WriteNull();
        w.WriteBoolean(false);
    }

    protected override void ReadFields(ref AmqpReader reader) => throw new NotSupportedException();
}
