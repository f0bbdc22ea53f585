using System.Buffers.Binary;
using System.Text;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>
/// Rewrites captured AMQP bytes with some string values replaced (the run-dependent ones: flow id, temp address,
/// client port), re-computing the sizes of the compound values around them and keeping every other byte as captured.
/// Understands the encodings the C router uses in TCP stream heads.
/// </summary>
internal static class AmqpTemplate
{
    public static byte[] Substitute(ReadOnlySpan<byte> captured, Func<string, string> replace)
    {
        var output = new MemoryStream();
        int i = 0;
        while (i < captured.Length)
        {
            Copy(captured, ref i, output, replace);
        }

        return output.ToArray();
    }

    private static void Copy(ReadOnlySpan<byte> src, ref int i, MemoryStream output, Func<string, string> replace)
    {
        byte code = src[i++];
        switch (code)
        {
            case 0x00: // described: descriptor, then value
                output.WriteByte(code);
                Copy(src, ref i, output, replace);
                Copy(src, ref i, output, replace);
                return;
            case 0x40 or 0x41 or 0x42 or 0x43 or 0x44 or 0x45:
                output.WriteByte(code);
                return;
            case 0x50 or 0x52 or 0x53:
                output.WriteByte(code);
                output.WriteByte(src[i++]);
                return;
            case 0x70:
                output.WriteByte(code);
                output.Write(src.Slice(i, 4));
                i += 4;
                return;
            case 0x80:
                output.WriteByte(code);
                output.Write(src.Slice(i, 8));
                i += 8;
                return;
            case 0xa0: // vbin8
                {
                    int n = src[i];
                    output.WriteByte(code);
                    output.Write(src.Slice(i, n + 1));
                    i += n + 1;
                    return;
                }

            case 0xa1 or 0xa3: // str8, sym8: strings are replaceable
                {
                    int n = src[i++];
                    string text = Encoding.UTF8.GetString(src.Slice(i, n));
                    i += n;
                    byte[] value = Encoding.UTF8.GetBytes(code == 0xa1 ? replace(text) : text);
                    output.WriteByte(code);
                    output.WriteByte(checked((byte)value.Length));
                    output.Write(value);
                    return;
                }

            case 0xc0 or 0xc1: // list8, map8
                {
                    int count = src[i + 1];
                    i += 2;
                    var body = CopyItems(src, ref i, count, replace);
                    output.WriteByte(code);
                    output.WriteByte(checked((byte)(body.Length + 1)));
                    output.WriteByte((byte)count);
                    output.Write(body);
                    return;
                }

            case 0xd0 or 0xd1: // list32, map32
                {
                    int count = BinaryPrimitives.ReadInt32BigEndian(src[(i + 4)..]);
                    i += 8;
                    var body = CopyItems(src, ref i, count, replace);
                    Span<byte> header = stackalloc byte[8];
                    BinaryPrimitives.WriteInt32BigEndian(header, body.Length + 4);
                    BinaryPrimitives.WriteInt32BigEndian(header[4..], count);
                    output.WriteByte(code);
                    output.Write(header);
                    output.Write(body);
                    return;
                }

            default:
                throw new NotSupportedException($"format code 0x{code:x2} at {i - 1}");
        }
    }

    private static byte[] CopyItems(ReadOnlySpan<byte> src, ref int i, int count, Func<string, string> replace)
    {
        var body = new MemoryStream();
        for (int k = 0; k < count; k++)
        {
            Copy(src, ref i, body, replace);
        }

        return body.ToArray();
    }
}
