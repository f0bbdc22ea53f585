using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Tests.Amqp.TestSupport;

/// <summary>
/// Renders decoded values, performatives, delivery states and messages as canonical text that names every type,
/// so two objects are semantically equal exactly when their dumps are equal (an ulong 1 is not an uint 1).
/// </summary>
public static class AmqpDump
{
    public static string Of(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case string s:
                sb.Append('"').Append(s).Append('"');
                return;
            case AmqpSymbol y:
                sb.Append(':').Append(y.Value);
                return;
            case byte[] b:
                sb.Append("bin:").Append(Hex.Of(b));
                return;
            case DeliveryTag t:
                sb.Append("tag:").Append(t.ToString());
                return;
            case Enum e:
                sb.Append(e.GetType().Name).Append('.').Append(e);
                return;
            case float f:
                sb.Append("float:").Append(BitConverter.SingleToUInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture));
                return;
            case double d:
                sb.Append("double:").Append(BitConverter.DoubleToUInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture));
                return;
            case AmqpMap map:
                sb.Append('{');
                foreach (var kv in map)
                {
                    Append(sb, kv.Key);
                    sb.Append('=');
                    Append(sb, kv.Value);
                    sb.Append(',');
                }

                sb.Append('}');
                return;
            case AmqpArray array:
                sb.Append("array<0x").Append(array.ElementCode.ToString("x2", CultureInfo.InvariantCulture)).Append(' ');
                Append(sb, array.ElementDescriptor);
                sb.Append('>');
                AppendItems(sb, array.Items);
                return;
            case DescribedValue dv:
                // a symbolic descriptor of an AMQP type means the same as its code (types.xml, descriptor values)
                sb.Append("described(");
                Append(sb, dv.Descriptor is AmqpSymbol ds && Descriptors.TryGetCode(System.Text.Encoding.Latin1.GetBytes(ds.Value), out ulong code) ? code : dv.Descriptor);
                sb.Append(")");
                Append(sb, dv.Value);
                return;
            case IList list:
                AppendItems(sb, list);
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || value is Guid or AmqpTimestamp or AmqpChar or AmqpDecimal32 or AmqpDecimal64 or AmqpDecimal128)
        {
            sb.Append(type.Name).Append(':').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            return;
        }

        sb.Append(type.Name).Append('{');
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (p.PropertyType.IsByRefLike || p.GetIndexParameters().Length > 0)
            {
                continue;
            }

            sb.Append(p.Name).Append('=');
            Append(sb, p.GetValue(value));
            sb.Append(';');
        }

        sb.Append('}');
    }

    private static void AppendItems(StringBuilder sb, IEnumerable items)
    {
        sb.Append('[');
        foreach (var item in items)
        {
            Append(sb, item);
            sb.Append(',');
        }

        sb.Append(']');
    }
}
