using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Client;

/// <summary>
/// The attach proton sends for a blocking sender or receiver (transport.xml 2.7.3; captured #8, #12): all 14 fields,
/// snd-settle-mode mixed, rcv-settle-mode first, initial-delivery-count 0 and max-message-size 0.
/// </summary>
internal sealed class ProtonAttach : DescribedList
{
    public ProtonAttach(string name, uint handle, LinkRole role, ProtonTerminus source, ProtonTerminus target)
    {
        Name = name;
        Handle = handle;
        Role = role;
        Source = source;
        Target = target;
    }

    public string Name { get; }

    public uint Handle { get; }

    public LinkRole Role { get; }

    public ProtonTerminus Source { get; }

    public ProtonTerminus Target { get; }

    public override ulong DescriptorCode => Descriptors.Attach;

    public override int FieldCount => 14;

    public override void WriteFields(ref AmqpWriter w)
    {
        w.WriteString(Name);
        w.WriteUInt(Handle);
        w.WriteBoolean(Role == LinkRole.Receiver);
        w.WriteUByte((byte)SenderSettleMode.Mixed);
        w.WriteUByte((byte)ReceiverSettleMode.First);
        Source.Encode(ref w);
        Target.Encode(ref w);
        w.WriteNull();
        w.WriteNull();
        w.WriteUInt(0);
        w.WriteULong(0);
        w.WriteNull();
        w.WriteNull();
        w.WriteNull();
    }

    protected override void ReadFields(ref AmqpReader reader) => throw new NotSupportedException();
}
