using Skrouterd.Buffers;

namespace Skrouterd.Routing.InProcess;

/// <summary>
/// Reads an outgoing delivery's content in place for an in-process consumer, through the delivery's cursor (the same
/// cursor the AMQP send path uses): bytes are read where they lie, and blocks are released as the cursor moves past
/// them. <see cref="Delivery.Sent"/> is the number of bytes consumed. One reader per delivery (not thread-safe).
/// </summary>
internal static class ContentReader
{
    /// <summary>Bytes available beyond the cursor now.</summary>
    public static long Available(Delivery d) => d.Message!.Length - d.Sent;

    /// <summary>True when every byte has been consumed and the producer completed the message.</summary>
    public static bool IsFinished(Delivery d) => d.Message!.IsComplete && d.Sent == d.Message.Length;

    /// <summary>
    /// The next contiguous run of available bytes (empty if none yet), without consuming them. Valid until the cursor
    /// moves past it.
    /// </summary>
    public static ReadOnlyMemory<byte> Peek(Delivery d, int max = int.MaxValue)
    {
        var block = Settle(d);
        if (block is null)
        {
            return default;
        }

        int n = Math.Min(block.Length - d.CursorOffset, max);
        return block.Data.AsMemory(d.CursorOffset, n);
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length available bytes from the cursor without consuming.</summary>
    public static int CopyAhead(Delivery d, Span<byte> destination)
    {
        var block = Settle(d);
        int offset = d.CursorOffset;
        int copied = 0;
        while (block is not null && copied < destination.Length)
        {
            var next = block.Next;
            int n = Math.Min(block.Length - offset, destination.Length - copied);
            block.Data.AsSpan(offset, n).CopyTo(destination[copied..]);
            copied += n;
            if (next is null || block.Length > offset + n)
            {
                break;
            }

            block = next;
            offset = 0;
        }

        return copied;
    }

    /// <summary>Consumes <paramref name="count"/> available bytes, moving across blocks and releasing passed ones.</summary>
    public static void Advance(Delivery d, long count)
    {
        while (count > 0)
        {
            var block = Settle(d) ?? throw new InvalidOperationException("advance beyond the available content");
            int n = (int)Math.Min(block.Length - d.CursorOffset, count);
            if (n == 0)
            {
                throw new InvalidOperationException("advance beyond the available content");
            }

            d.CursorOffset += n;
            d.Sent += n;
            count -= n;
        }
    }

    /// <summary>Moves the cursor onto the block holding its next byte (or the last block) and returns it.</summary>
    private static ContentBlock? Settle(Delivery d)
    {
        var block = d.CursorBlock ?? d.Message!.FirstBlock;
        if (block is null)
        {
            return null;
        }

        d.CursorBlock = block;
        while (block.Next is { } next && d.CursorOffset == block.Length)
        {
            block.Release();
            block = next;
            d.CursorBlock = block;
            d.CursorOffset = 0;
        }

        return block;
    }
}
