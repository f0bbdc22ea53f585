using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>Fields shared by source and target (messaging.xml 3.5.3/3.5.4).</summary>
public abstract class Terminus : DescribedList
{
    public string? Address { get; set; }

    public uint? Durable { get; set; }

    public string? ExpiryPolicy { get; set; }

    public uint? Timeout { get; set; }

    public bool? Dynamic { get; set; }

    public AmqpMap? DynamicNodeProperties { get; set; }

    public AmqpSymbol[]? Capabilities { get; set; }

    public bool IsDynamic => Dynamic == true;

    public bool HasCapability(string capability) => FieldWriting.ContainsSymbol(Capabilities, capability);

    /// <summary>Reads an optional source/target field: null, a source, a target or another terminus (e.g. coordinator).</summary>
    public static Terminus? ReadOptional(ref AmqpReader r)
    {
        if (r.TryReadNull())
        {
            return null;
        }

        var d = r.ReadDescriptor();
        Terminus t = d.Code switch
        {
            Descriptors.Source => new Source(),
            Descriptors.Target => new Target(),
            _ => new OtherTerminus(d.Code),
        };
        t.DecodeBody(ref r);
        return t;
    }
}

/// <summary>A terminus we do not interpret (e.g. a transaction coordinator); its fields are skipped.</summary>
public sealed class OtherTerminus : Terminus
{
    private readonly ulong _code;

    public OtherTerminus(ulong code) => _code = code;

    public override ulong DescriptorCode => _code;

    public override int FieldCount => 0;

    public override void WriteFields(ref AmqpWriter writer)
    {
    }

    protected override void ReadFields(ref AmqpReader r)
    {
    }
}
