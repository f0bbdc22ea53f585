using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management;

/// <summary>
/// Encodes management reply bodies as the C router does (04-management capture): maps always map32, lists list32
/// (an empty list list0 in <see cref="ValueStyle.Python"/>), strings str8/str32, integers in their compact forms.
/// Compounds are measured before their headers are written. Off the data path; allocation is not a concern.
/// </summary>
internal static class ManagementValueWriter
{
    public static void Write(ref AmqpWriter w, object? value, ValueStyle style)
    {
        switch (value)
        {
            case null:
                w.WriteNull();
                break;
            case string s:
                w.WriteString(s);
                break;
            case AmqpSymbol y:
                if (style == ValueStyle.Python)
                {
                    w.WriteString(y.Value);
                }
                else
                {
                    w.WriteSymbol(y);
                }

                break;
            case bool b:
                w.WriteBoolean(b);
                break;
            case long l when style == ValueStyle.Python:
                if (l is >= int.MinValue and <= int.MaxValue)
                {
                    w.WriteInt((int)l);
                }
                else
                {
                    w.WriteLong(l);
                }

                break;
            case int i when style == ValueStyle.Python:
                w.WriteInt(i);
                break;
            case AmqpMap map:
                WriteMap(ref w, map, style);
                break;
            case System.Collections.IList list when value is not byte[]:
                WriteList(ref w, list, style);
                break;
            default:
                w.WriteValue(value);
                break;
        }
    }

    public static long SizeOf(object? value, ValueStyle style)
    {
        var m = AmqpWriter.CreateMeasurer();
        Write(ref m, value, style);
        return m.BytesWritten;
    }

    private static void WriteList(ref AmqpWriter w, System.Collections.IList list, ValueStyle style)
    {
        if (list.Count == 0 && style == ValueStyle.Python)
        {
            w.WriteListHeader(0, 0);
            return;
        }

        long body = 0;
        foreach (var item in list)
        {
            body += SizeOf(item, style);
        }

        w.WriteListHeader(list.Count, checked((int)body), force32: true);
        foreach (var item in list)
        {
            Write(ref w, item, style);
        }
    }

    private static void WriteMap(ref AmqpWriter w, AmqpMap map, ValueStyle style)
    {
        long body = 0;
        foreach (var e in map)
        {
            body += SizeOf(e.Key, style) + SizeOf(e.Value, style);
        }

        w.WriteMapHeader(map.Count * 2, checked((int)body), force32: true);
        foreach (var e in map)
        {
            Write(ref w, e.Key, style);
            Write(ref w, e.Value, style);
        }
    }
}
