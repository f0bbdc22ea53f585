using System.Buffers;

namespace Skrouterd.Benchmarks;

/// <summary>Builds multi-segment sequences, as a pipe hands them over when a frame crosses its 4 KiB blocks.</summary>
internal sealed class SequenceSegment : ReadOnlySequenceSegment<byte>
{
    private SequenceSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>A sequence over <paramref name="bytes"/> split into segments at the given offsets.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] offsets)
    {
        var first = new SequenceSegment(bytes.AsMemory(0, offsets[0]), 0);
        var last = first;
        for (int i = 0; i < offsets.Length; i++)
        {
            int start = offsets[i];
            int end = i + 1 < offsets.Length ? offsets[i + 1] : bytes.Length;
            var next = new SequenceSegment(bytes.AsMemory(start, end - start), start);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
