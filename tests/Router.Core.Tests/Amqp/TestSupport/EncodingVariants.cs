using System.Buffers.Binary;
using System.Text;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Tests.Amqp.TestSupport;

/// <summary>
/// Rewrites a generic value tree so it encodes differently but means the same: every descriptor as its symbolic name,
/// or every value in its widest encoding (0x70 uint, 0x80 ulong, list32, map32, str32, sym32, vbin32, 0x56 booleans,
/// descriptors as eight-byte ulongs). Typed readers must accept all of them.
/// </summary>
public static class EncodingVariants
{
    public static byte[] Symbolic(ReadOnlySpan<byte> encoded) => AmqpEncoding.EncodeValue(ToSymbolic(AmqpEncoding.DecodeValue(encoded)));

    public static byte[] Widest(ReadOnlySpan<byte> encoded) => AmqpEncoding.EncodeValue(ToWidest(AmqpEncoding.DecodeValue(encoded)));

    public static object? ToSymbolic(object? value) => value switch
    {
        DescribedValue d => new DescribedValue(
            d.Descriptor is ulong code && Descriptors.TryGetName(code, out string name) ? new AmqpSymbol(name) : d.Descriptor,
            ToSymbolic(d.Value)),
        List<object?> list => list.Select(ToSymbolic).ToList(),
        AmqpMap map => Map(map, ToSymbolic),
        AmqpArray a => new AmqpArray(a.ElementCode, a.Items.Select(ToSymbolic).ToArray(), a.ElementDescriptor),
        _ => value,
    };

    public static object? ToWidest(object? value) => value switch
    {
        uint v => new Wide(0x70, w => w.WriteUIntFull(v)),
        ulong v => new Wide(0x80, w => w.WriteULongFull(v)),
        int v => new Wide(0x71, w => w.WriteIntFull(v)),
        long v => new Wide(0x81, w => Raw(w, 0x81, b => BinaryPrimitives.WriteInt64BigEndian(b, v), 8)),
        bool v => new Wide(0x56, w =>
        {
            w.WriteByteRaw(0x56);
            w.WriteByteRaw(v ? (byte)1 : (byte)0);
        }),
        string s => new Wide(0xb1, w => w.WriteString32(s)),
        AmqpSymbol y => new Wide(0xb3, w => Variable32(w, 0xb3, Encoding.Latin1.GetBytes(y.Value))),
        byte[] b => new Wide(0xb0, w => Variable32(w, 0xb0, b)),
        DescribedValue d => new DescribedValue(d.Descriptor is ulong c ? new Wide(0x80, w => w.WriteULongFull(c)) : ToWidest(d.Descriptor)!, ToWidest(d.Value)),
        List<object?> list => new Wide(0xd0, w => Compound(w, 0xd0, list.Count, list.Select(ToWidest).ToList())),
        AmqpMap map => new Wide(0xd1, w => Compound(w, 0xd1, map.Count * 2, map.SelectMany(e => new[] { ToWidest(e.Key), ToWidest(e.Value) }).ToList())),
        _ => value,
    };

    private static AmqpMap Map(AmqpMap map, Func<object?, object?> f)
    {
        var m = new AmqpMap(map.Count);
        foreach (var e in map)
        {
            m.Add(f(e.Key), f(e.Value));
        }

        return m;
    }

    private static void Raw(WideWriter w, byte code, Action<Span<byte>> write, int width)
    {
        Span<byte> b = stackalloc byte[8];
        write(b);
        w.WriteByteRaw(code);
        w.WriteRaw(b[..width]);
    }

    private static void Variable32(WideWriter w, byte code, byte[] bytes)
    {
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(n, bytes.Length);
        w.WriteByteRaw(code);
        w.WriteRaw(n);
        w.WriteRaw(bytes);
    }

    private static void Compound(WideWriter w, byte code, int count, List<object?> items)
    {
        long body = items.Sum(i => (long)AmqpEncoding.EncodeValue(i).Length);
        Span<byte> n = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(n, checked((int)body + 4));
        BinaryPrimitives.WriteInt32BigEndian(n[4..], count);
        w.WriteByteRaw(code);
        w.WriteRaw(n);
        foreach (var i in items)
        {
            w.WriteRaw(AmqpEncoding.EncodeValue(i));
        }
    }

    /// <summary>Collects the bytes of a wide encoding (a ref struct writer cannot be captured by a lambda).</summary>
    private sealed class WideWriter
    {
        private readonly List<byte> _bytes = [];

        public byte[] Bytes => _bytes.ToArray();

        public void WriteByteRaw(byte b) => _bytes.Add(b);

        public void WriteRaw(ReadOnlySpan<byte> b) => _bytes.AddRange(b.ToArray());

        public void WriteUIntFull(uint v) => Raw(this, 0x70, b => BinaryPrimitives.WriteUInt32BigEndian(b, v), 4);

        public void WriteULongFull(ulong v) => Raw(this, 0x80, b => BinaryPrimitives.WriteUInt64BigEndian(b, v), 8);

        public void WriteIntFull(int v) => Raw(this, 0x71, b => BinaryPrimitives.WriteInt32BigEndian(b, v), 4);

        public void WriteString32(string s) => Variable32(this, 0xb1, Encoding.UTF8.GetBytes(s));
    }

    /// <summary>A value that writes its own (wide) encoding.</summary>
    private sealed class Wide : IAmqpEncodable
    {
        private readonly byte[] _bytes;

        public Wide(byte code, Action<WideWriter> write)
        {
            var w = new WideWriter();
            write(w);
            _bytes = w.Bytes;
            if (_bytes[0] != code)
            {
                throw new InvalidOperationException($"expected constructor 0x{code:x2}");
            }
        }

        public void Encode(ref AmqpWriter writer) => writer.WriteRaw(_bytes);
    }
}
