using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>close (transport.xml 2.7.9).</summary>
public sealed class Close : DescribedList
{
    public AmqpError? Error { get; set; }

    public override ulong DescriptorCode => Descriptors.Close;

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
