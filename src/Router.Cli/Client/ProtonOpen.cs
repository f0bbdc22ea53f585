using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Client;

/// <summary>
/// The open the Python tools send (transport.xml 2.7.1; ../captures/04-management.frames.txt #4): all ten fields
/// written, container-id, hostname and channel-max 32767 set, the rest null.
/// </summary>
internal sealed class ProtonOpen : DescribedList
{
    public ProtonOpen(string containerId, string? hostname)
    {
        ContainerId = containerId;
        Hostname = hostname;
    }

    public string ContainerId { get; }

    public string? Hostname { get; }

    public override ulong DescriptorCode => Descriptors.Open;

    public override int FieldCount => 10;

    public override void WriteFields(ref AmqpWriter w)
    {
        w.WriteString(ContainerId);
        if (Hostname is null)
        {
            w.WriteNull();
        }
        else
        {
            w.WriteString(Hostname);
        }

        w.WriteNull();
        w.WriteUShort(32767);
        for (int i = 0; i < 6; i++)
        {
            w.WriteNull();
        }
    }

    protected override void ReadFields(ref AmqpReader reader) => throw new NotSupportedException();
}
