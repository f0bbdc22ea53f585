using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Xunit;

namespace Skrouterd.Tests.Amqp.TestSupport;

public delegate void WriteAction(ref AmqpWriter writer);

public delegate T ReadFunc<T>(ref AmqpReader reader);

/// <summary>Encodes with <see cref="AmqpWriter"/> into arrays, checking that the measuring pass agrees with the real one.</summary>
public static class AmqpEncoding
{
    public static byte[] Encode(WriteAction write)
    {
        var measurer = AmqpWriter.CreateMeasurer();
        write(ref measurer);

        // A tiny buffer writer forces the writer through its Grow path at every span boundary.
        var output = new ArrayBufferWriter<byte>(1);
        var w = new AmqpWriter(output);
        write(ref w);
        w.Commit();
        Assert.Equal(measurer.BytesWritten, w.BytesWritten);
        Assert.Equal(measurer.BytesWritten, output.WrittenCount);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] EncodeValue(object? value) => Encode((ref AmqpWriter w) => w.WriteValue(value));

    public static byte[] Encode(DescribedList performative) => Encode((ref AmqpWriter w) => performative.Encode(ref w));

    /// <summary>Decodes one value and checks that it used every byte.</summary>
    public static object? DecodeValue(ReadOnlySpan<byte> bytes)
    {
        var r = new AmqpReader(bytes);
        object? v = r.ReadValue();
        Assert.True(r.IsAtEnd, $"{r.Remaining} bytes left after the value");
        return v;
    }

    public static T Read<T>(ReadOnlySpan<byte> bytes, ReadFunc<T> read)
    {
        var r = new AmqpReader(bytes);
        T v = read(ref r);
        Assert.True(r.IsAtEnd, $"{r.Remaining} bytes left after the value");
        return v;
    }

    /// <summary>Decodes a described list written by <see cref="Encode(DescribedList)"/> into a fresh instance.</summary>
    public static T DecodeDescribed<T>(ReadOnlySpan<byte> bytes)
        where T : DescribedList, new()
    {
        var r = new AmqpReader(bytes);
        var d = r.ReadDescriptor();
        var t = new T();
        Assert.Equal(t.DescriptorCode, d.Code);
        t.DecodeBody(ref r);
        Assert.True(r.IsAtEnd, $"{r.Remaining} bytes left after the value");
        return t;
    }

    /// <summary>A whole AMQP frame (header, performative, payload) as bytes.</summary>
    public static byte[] Frame(DescribedList performative, ushort channel = 0, byte type = FrameHeader.TypeAmqp, ReadOnlySpan<byte> payload = default)
    {
        var output = new ArrayBufferWriter<byte>();
        int size = FrameWriter.Write(output, type, channel, performative, payload);
        Assert.Equal(size, output.WrittenCount);
        return output.WrittenSpan.ToArray();
    }
}
