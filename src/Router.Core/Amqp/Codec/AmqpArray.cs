namespace Skrouterd.Amqp.Codec;

/// <summary>
/// An AMQP array: every element shares one constructor. <see cref="ElementCode"/> is the element's format-code
/// family (e.g. <see cref="FormatCode.Symbol8"/> for symbols); <see cref="ElementDescriptor"/> is set for arrays of
/// described values.
/// </summary>
public sealed record AmqpArray(byte ElementCode, IReadOnlyList<object?> Items, object? ElementDescriptor = null)
{
    public static AmqpArray OfSymbols(params string[] symbols)
    {
        var items = new object?[symbols.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            items[i] = new AmqpSymbol(symbols[i]);
        }

        return new AmqpArray(FormatCode.Symbol8, items);
    }

    public bool Equals(AmqpArray? other) =>
        other is not null && ElementCode == other.ElementCode
        && AmqpValueComparer.Instance.Equals(ElementDescriptor, other.ElementDescriptor)
        && Items.Count == other.Items.Count
        && Items.Zip(other.Items).All(p => AmqpValueComparer.Instance.Equals(p.First, p.Second));

    public override int GetHashCode() => HashCode.Combine(ElementCode, Items.Count);
}
