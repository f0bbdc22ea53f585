using System.Buffers;
using BenchmarkDotNet.Attributes;
using Skrouterd.Amqp.Framing;
using Skrouterd.Bench;

namespace Skrouterd.Benchmarks;

/// <summary>
/// One transfer frame carrying a 1 KiB message (properties, application-properties, one data section), decoded the
/// way a connection's receive loop does (<see cref="FrameReader"/> then <see cref="PerformativeReader"/> over a
/// sequence) and encoded the way its send loop does (<see cref="FrameWriter"/> into a reused buffer writer).
/// </summary>
public class TransferFrameBenchmarks
{
    private const uint MaxFrameSize = 16 * 1024;

    private readonly PerformativeReader _reader = new();
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly Transfer _transfer = new();
    private ReadOnlySequence<byte> _whole;
    private ReadOnlySequence<byte> _split;
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        var template = new MessageTemplate("bench/queue", 1024, settled: false);
        var frame = new byte[template.FrameLength];
        template.Write(frame, deliveryId: 1234, sequence: 1234, timestamp: 0);
        _whole = new ReadOnlySequence<byte>(frame);

        // Frame header in one segment, the performative split in the middle, the message in a third segment.
        _split = SequenceSegment.Split(frame, 8, 20, 64);
        _payload = template.Message.ToArray();
        _transfer.Handle = 0;
        _transfer.DeliveryId = 1234;
        _transfer.DeliveryTag = DeliveryTag.FromUInt64(1234);
        _transfer.MessageFormat = 0;
        _transfer.Settled = false;
        _transfer.More = false;
    }

    /// <summary>Frame and performative in one segment: the transfer is decoded in place.</summary>
    [Benchmark]
    public long Decode() => DecodeFrom(_whole);

    /// <summary>The performative straddles segments: it is copied once into the reader's scratch buffer.</summary>
    [Benchmark]
    public long DecodeSplit() => DecodeFrom(_split);

    /// <summary>Header, performative and a copy of the 1 KiB payload.</summary>
    [Benchmark]
    public int Encode()
    {
        _output.ResetWrittenCount();
        return FrameWriter.Write(_output, FrameHeader.TypeAmqp, 0, _transfer, _payload);
    }

    /// <summary>Header and performative only: what the send loop writes, the payload being referenced in place.</summary>
    [Benchmark]
    public int EncodeHeaderAndPerformative()
    {
        _output.ResetWrittenCount();
        return FrameWriter.WriteHeaderAndPerformative(_output, FrameHeader.TypeAmqp, 0, _transfer, _payload.Length);
    }

    private long DecodeFrom(ReadOnlySequence<byte> buffer)
    {
        if (!FrameReader.TryReadFrame(ref buffer, MaxFrameSize, out var header, out var body))
        {
            throw new InvalidOperationException("incomplete frame");
        }

        var transfer = (Transfer)_reader.ReadAmqp(body, out var payload);
        return payload.Length + transfer.DeliveryId!.Value + header.Channel;
    }
}
