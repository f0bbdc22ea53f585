using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Client;

/// <summary>
/// A source (11 fields) or target (7 fields) as proton writes it (messaging.xml 3.5.3, 3.5.4): address, durable 0,
/// expiry-policy null, timeout 0, dynamic, and the remaining fields null but present.
/// </summary>
internal sealed class ProtonTerminus : DescribedList
{
    private readonly bool _isSource;

    public ProtonTerminus(bool isSource, string? address, bool dynamic)
    {
        _isSource = isSource;
        Address = address;
        Dynamic = dynamic;
    }

    public string? Address { get; }

    public bool Dynamic { get; }

    public override ulong DescriptorCode => _isSource ? Descriptors.Source : Descriptors.Target;

    public override int FieldCount => _isSource ? 11 : 7;

    public override void WriteFields(ref AmqpWriter w)
    {
        if (Address is null)
        {
            w.WriteNull();
        }
        else
        {
            w.WriteString(Address);
        }

        w.WriteUInt(0);
        w.WriteNull();
        w.WriteUInt(0);
        w.WriteBoolean(Dynamic);
        for (int i = 5; i < FieldCount; i++)
        {
            w.WriteNull();
        }
    }

    protected override void ReadFields(ref AmqpReader reader) => throw new NotSupportedException();
}
