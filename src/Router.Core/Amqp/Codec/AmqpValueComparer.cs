namespace Skrouterd.Amqp.Codec;

/// <summary>Structural equality for decoded AMQP values (lists, maps, binaries compare by content).</summary>
public sealed class AmqpValueComparer : IEqualityComparer<object?>
{
    public static readonly AmqpValueComparer Instance = new();

    public new bool Equals(object? x, object? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        switch (x)
        {
            case byte[] bx when y is byte[] by:
                return bx.AsSpan().SequenceEqual(by);
            case IList<object?> lx when y is IList<object?> ly:
                if (lx.Count != ly.Count)
                {
                    return false;
                }

                for (int i = 0; i < lx.Count; i++)
                {
                    if (!Equals(lx[i], ly[i]))
                    {
                        return false;
                    }
                }

                return true;
            case AmqpMap mx when y is AmqpMap my:
                if (mx.Count != my.Count)
                {
                    return false;
                }

                for (int i = 0; i < mx.Count; i++)
                {
                    if (!Equals(mx[i].Key, my[i].Key) || !Equals(mx[i].Value, my[i].Value))
                    {
                        return false;
                    }
                }

                return true;
            case DescribedValue dx when y is DescribedValue dy:
                return Equals(dx.Descriptor, dy.Descriptor) && Equals(dx.Value, dy.Value);
            case float fx when y is float fy:
                return fx.Equals(fy);
            case double dx2 when y is double dy2:
                return dx2.Equals(dy2);
            default:
                return x.Equals(y);
        }
    }

    public int GetHashCode(object? obj) => obj switch
    {
        null => 0,
        byte[] b => b.Length,
        IList<object?> l => l.Count,
        AmqpMap m => m.Count,
        _ => obj.GetHashCode(),
    };
}
