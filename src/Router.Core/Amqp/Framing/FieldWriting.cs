using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>Writers for optional composite fields: an absent value is written as null.</summary>
internal static class FieldWriting
{
    public static void WriteOptional(ref AmqpWriter w, uint? v)
    {
        if (v.HasValue)
        {
            w.WriteUInt(v.Value);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteOptional(ref AmqpWriter w, ulong? v)
    {
        if (v.HasValue)
        {
            w.WriteULong(v.Value);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteOptional(ref AmqpWriter w, ushort? v)
    {
        if (v.HasValue)
        {
            w.WriteUShort(v.Value);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteOptional(ref AmqpWriter w, byte? v)
    {
        if (v.HasValue)
        {
            w.WriteUByte(v.Value);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteOptional(ref AmqpWriter w, bool? v)
    {
        if (v.HasValue)
        {
            w.WriteBoolean(v.Value);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteOptional(ref AmqpWriter w, string? v)
    {
        if (v is not null)
        {
            w.WriteString(v);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteOptionalSymbol(ref AmqpWriter w, string? v)
    {
        if (v is not null)
        {
            w.WriteSymbol(v);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteOptional(ref AmqpWriter w, byte[]? v)
    {
        if (v is not null)
        {
            w.WriteBinary(v);
        }
        else
        {
            w.WriteNull();
        }
    }

    /// <summary>A "multiple" symbol field: one symbol on its own, several as an array.</summary>
    public static void WriteSymbols(ref AmqpWriter w, AmqpSymbol[]? v)
    {
        if (v is null)
        {
            w.WriteNull();
        }
        else if (v.Length == 1)
        {
            w.WriteSymbol(v[0]);
        }
        else
        {
            w.WriteSymbolArray(v);
        }
    }

    public static void WriteOptional(ref AmqpWriter w, AmqpMap? v)
    {
        if (v is not null)
        {
            w.WriteValue(v);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteOptional(ref AmqpWriter w, IAmqpEncodable? v)
    {
        if (v is not null)
        {
            v.Encode(ref w);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static bool ContainsSymbol(AmqpSymbol[]? symbols, string value)
    {
        if (symbols is null)
        {
            return false;
        }

        foreach (var s in symbols)
        {
            if (s.Value == value)
            {
                return true;
            }
        }

        return false;
    }
}
