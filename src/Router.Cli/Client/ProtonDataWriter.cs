using System.Numerics;
using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Client;

/// <summary>
/// Encodes request application-properties and bodies the way proton-python's <c>Data.put_object</c> does for the
/// Python values the tools build: dict as map32, list as list32 except the empty list as list0 (captured #14, #150), str as str8/str32, int as
/// long (smalllong when it fits a byte), float as double, bool as true/false.
/// </summary>
internal static class ProtonDataWriter
{
    public static void Write(ref AmqpWriter w, object? value)
    {
        switch (value)
        {
            case AmqpMap map:
                {
                    var entries = PyDict.Entries(map);
                    var m = AmqpWriter.CreateMeasurer();
                    foreach (var e in entries)
                    {
                        Write(ref m, e.Key);
                        Write(ref m, e.Value);
                    }

                    w.WriteMapHeader(entries.Count * 2, checked((int)m.BytesWritten), force32: true);
                    foreach (var e in entries)
                    {
                        Write(ref w, e.Key);
                        Write(ref w, e.Value);
                    }

                    break;
                }

            case List<object?> list:
                {
                    var m = AmqpWriter.CreateMeasurer();
                    foreach (var item in list)
                    {
                        Write(ref m, item);
                    }

                    // proton writes an empty list as list0 (captured #14) but an empty map as map32 (#138).
                    w.WriteListHeader(list.Count, checked((int)m.BytesWritten), force32: list.Count > 0);
                    foreach (var item in list)
                    {
                        Write(ref w, item);
                    }

                    break;
                }

            case long l:
                w.WriteLong(l);
                break;
            case BigInteger big when big >= 0 && big <= ulong.MaxValue:
                w.WriteULong((ulong)big);
                break;
            case BigInteger:
                throw new PyException("OverflowError", "int too big to convert");
            default:
                w.WriteValue(value);
                break;
        }
    }

    public static long SizeOf(object? value)
    {
        var m = AmqpWriter.CreateMeasurer();
        Write(ref m, value);
        return m.BytesWritten;
    }
}
