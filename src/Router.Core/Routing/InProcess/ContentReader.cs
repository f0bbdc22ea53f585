using Skrouterd.Buffers;

namespace Skrouterd.Routing.InProcess;

/// <summary>
/// Reads an outgoing delivery's content in place for an in-process consumer, advancing the delivery's cursor and
/// releasing blocks once read (the same cursor the AMQP send path uses). Not thread-safe: one reader per delivery.
/// </summary>
internal static class ContentReader
{
    /// <summary>
    /// Returns the next available contiguous bytes (empty if none yet) without consuming them. The memory stays valid
    /// until <see cref="Consume"/> moves past it.
    /// </summary>
    public static ReadOnlyMemory<byte> Peek(Delivery d)
    {
        var block = d.CursorBlock ?? d.Message!.FirstBlock;
        if (block is null)
        {
            return default;
        }

        d.CursorBlock = block;
        while (d.CursorOffset == block.Length && block.Next is { } next)
        {
            block.Release();
            block = next;
            d.CursorBlock = block;
            d.CursorOffset = 0;
        }

        return block.Data.AsMemory(d.CursorOffset, block.Length - d.CursorOffset);
    }

    public static void Consume(Delivery d, int count)
    {
        d.CursorOffset += count;
        d.Sent += count;
    }

    /// <summary>True when every byte has been read and the producer completed the message.</summary>
    public static bool IsFinished(Delivery d) => d.Message!.IsComplete && d.Sent == d.Message.Length;
}
