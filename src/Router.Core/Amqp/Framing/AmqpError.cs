using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>error (transport.xml 2.8.14): condition, description, info.</summary>
public sealed class AmqpError : DescribedList
{
    public AmqpError()
    {
        Condition = AmqpErrors.InternalError;
    }

    public AmqpError(string condition, string? description = null)
    {
        Condition = condition;
        Description = description;
    }

    public string Condition { get; set; }

    public string? Description { get; set; }

    public AmqpMap? Info { get; set; }

    public override ulong DescriptorCode => Descriptors.Error;

    public override int FieldCount => Info is not null ? 3 : Description is not null ? 2 : 1;

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        w.WriteSymbol(Condition);
        if (n > 1)
        {
            FieldWriting.WriteOptional(ref w, Description);
        }

        if (n > 2)
        {
            FieldWriting.WriteOptional(ref w, Info);
        }
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        Condition = r.NextField() ? r.ReadText() : AmqpErrors.InternalError;
        Description = r.NextField() ? r.ReadText() : null;
        Info = r.NextField() ? r.ReadValue() as AmqpMap : null;
    }

    /// <summary>Reads an optional error field (null, or a described error list).</summary>
    public static AmqpError? ReadOptional(ref AmqpReader r)
    {
        if (r.TryReadNull())
        {
            return null;
        }

        var d = r.ReadDescriptor();
        if (!d.Is(Descriptors.Error))
        {
            throw new AmqpDecodeException($"expected error, found descriptor 0x{d.Code:x}");
        }

        var e = new AmqpError();
        e.DecodeBody(ref r);
        return e;
    }

    public override string ToString() => Description is null ? Condition : $"{Condition} {Description}";
}
