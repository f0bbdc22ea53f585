using System.Buffers;

namespace Skrouterd.Tests.Amqp.TestSupport;

/// <summary>
/// Builds multi-segment <see cref="ReadOnlySequence{T}"/>s for feeding codecs the same bytes in different shapes
/// (after aspnetcore src/Shared/Buffers.Testing/ReadOnlySequenceFactory.cs). Every segment lives in its own array,
/// framed by 0xEE guard bytes, so a reader that strays outside a segment's slice reads garbage and fails visibly.
/// </summary>
public static class ReadOnlySequenceFactory
{
    private const byte Guard = 0xEE;
    private const int GuardLength = 5;

    public static ReadOnlySequence<byte> Whole(ReadOnlySpan<byte> data) => Segmented(data, []);

    /// <summary>Two segments: [0, offset) and [offset, end); either may be empty.</summary>
    public static ReadOnlySequence<byte> SplitAt(ReadOnlySpan<byte> data, int offset) => Segmented(data, [offset]);

    public static ReadOnlySequence<byte> OneBytePerSegment(ReadOnlySpan<byte> data)
    {
        var cuts = new int[Math.Max(0, data.Length - 1)];
        for (int i = 0; i < cuts.Length; i++)
        {
            cuts[i] = i + 1;
        }

        return Segmented(data, cuts);
    }

    /// <summary>Segments cut at the given ascending offsets (0 and data.Length give empty segments).</summary>
    public static ReadOnlySequence<byte> Segmented(ReadOnlySpan<byte> data, int[] cuts)
    {
        var bounds = new List<int>(cuts.Length + 2) { 0 };
        bounds.AddRange(cuts);
        bounds.Add(data.Length);
        TestSegment? first = null;
        TestSegment? last = null;
        for (int i = 0; i + 1 < bounds.Count; i++)
        {
            int start = bounds[i];
            int length = bounds[i + 1] - start;
            var array = new byte[length + (2 * GuardLength)];
            array.AsSpan().Fill(Guard);
            data.Slice(start, length).CopyTo(array.AsSpan(GuardLength));
            var segment = new TestSegment(new ReadOnlyMemory<byte>(array, GuardLength, length));
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Append(segment);
            }

            last = segment;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class TestSegment : ReadOnlySequenceSegment<byte>
    {
        public TestSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public void Append(TestSegment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
        }
    }
}
