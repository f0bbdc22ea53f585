using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>end (transport.xml 2.7.8).</summary>
public sealed class End : DescribedList
{
    public AmqpError? Error { get; set; }

    public override ulong DescriptorCode => Descriptors.End;

    public override int FieldCount => Error is not null ? 1 : 0;

    public override void WriteFields(ref AmqpWriter w)
    {
        if (Error is not null)
        {
            Error.Encode(ref w);
        }
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        Error = r.NextField() ? AmqpError.ReadOptional(ref r) : null;
    }
}
