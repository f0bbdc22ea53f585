using System.Buffers;
using Skrouterd.Amqp.Framing;
using Xunit;

namespace Skrouterd.Tests.Amqp.TestSupport;

/// <summary>
/// A decoded frame, captured as text (performatives may be reused by the reader) plus its payload bytes. The text is
/// the <see cref="AmqpDump"/> of the performative, or in <see cref="FrameDecoding.Fast"/> mode the hex of its
/// re-encoding (a deterministic function of the decoded object, and much cheaper than reflection).
/// </summary>
public sealed record DecodedFrame(FrameHeader Header, string Performative, string Dump, byte[] Payload);

/// <summary>Runs <see cref="FrameReader"/> and <see cref="PerformativeReader"/> the way a connection does.</summary>
public static class FrameDecoding
{
    public const uint MaxFrameSize = 1 << 20;

    [ThreadStatic]
    private static bool t_fast;

    /// <summary>Within the scope, frames are fingerprinted by re-encoding instead of by <see cref="AmqpDump"/>.</summary>
    public static IDisposable Fast()
    {
        bool previous = t_fast;
        t_fast = true;
        return new Restore(() => t_fast = previous);
    }

    private static string Text(DescribedList p) => t_fast ? Hex.Of(AmqpEncoding.Encode(p)) : AmqpDump.Of(p);

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>Reads every whole frame off <paramref name="buffer"/>; leaves the rest in it.</summary>
    public static List<DecodedFrame> ReadAll(PerformativeReader reader, ref ReadOnlySequence<byte> buffer, uint maxFrameSize = MaxFrameSize)
    {
        var frames = new List<DecodedFrame>();
        while (FrameReader.TryReadFrame(ref buffer, maxFrameSize, out var header, out var body))
        {
            frames.Add(Decode(reader, header, body));
        }

        return frames;
    }

    public static DecodedFrame Decode(PerformativeReader reader, FrameHeader header, ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            return new DecodedFrame(header, "empty", "", []);
        }

        if (header.Type == FrameHeader.TypeSasl)
        {
            var sasl = reader.ReadSasl(body);
            return new DecodedFrame(header, sasl.GetType().Name, Text(sasl), []);
        }

        var p = reader.ReadAmqp(body, out var payload);
        return new DecodedFrame(header, p.GetType().Name, Text(p), payload.ToArray());
    }

    /// <summary>Decodes exactly one whole frame held in <paramref name="buffer"/>.</summary>
    public static DecodedFrame DecodeOne(ReadOnlySequence<byte> buffer)
    {
        var frames = ReadAll(new PerformativeReader(), ref buffer);
        Assert.True(buffer.IsEmpty, $"{buffer.Length} bytes left over");
        return Assert.Single(frames);
    }

    public static DecodedFrame DecodeOne(byte[] frame) => DecodeOne(ReadOnlySequenceFactory.Whole(frame));

    /// <summary>
    /// Feeds a byte stream as a pipe would: bytes arrive in the given chunks, and the reader sees everything received
    /// but not yet consumed, as one segment per chunk.
    /// </summary>
    public static List<DecodedFrame> ReadArriving(byte[] stream, IReadOnlyList<int> chunkEnds)
    {
        var reader = new PerformativeReader();
        var frames = new List<DecodedFrame>();
        int consumed = 0;
        int previousEnd = 0;
        var pending = new List<int>();
        foreach (int end in chunkEnds.Append(stream.Length))
        {
            if (end <= previousEnd)
            {
                continue;
            }

            pending.Add(end);
            previousEnd = end;
            var cuts = pending.Where(e => e > consumed && e < end).Select(e => e - consumed).ToArray();
            var buffer = ReadOnlySequenceFactory.Segmented(stream.AsSpan(consumed, end - consumed), cuts);
            frames.AddRange(ReadAll(reader, ref buffer));
            consumed = end - (int)buffer.Length;
            pending.RemoveAll(e => e <= consumed);
        }

        Assert.Equal(stream.Length, consumed);
        return frames;
    }
}
