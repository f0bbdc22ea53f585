using System.Buffers;
using Skrouterd.Buffers;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// One batch of outbound bytes in send order: frame headers and control frames written into pooled chunks, and
/// message payloads referenced in place from <see cref="ContentBlock"/>s (no copy). <see cref="Segments"/> is the
/// gather list handed to the socket. Each referenced block is pinned with a reference until <see cref="Reset"/>,
/// which runs after the send completed. A connection keeps two batches: one filling, one sending.
/// </summary>
internal sealed class OutputBatch : IBufferWriter<byte>
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Payloads up to this size are copied behind their frame header instead of referenced: a message of a few KiB
    /// then costs one iovec with its neighbours rather than two of its own, which keeps sends within the eight
    /// buffers .NET sends without pinning per call. Larger payloads (and streams) go by reference.
    /// </summary>
    public const int CopyThreshold = 2048;

    private readonly List<byte[]> _chunks = [];
    private readonly List<ContentBlock> _blocks = [];
    private byte[]? _current;
    private int _written;
    private int _emitted;

    public List<ArraySegment<byte>> Segments { get; } = [];

    public long Length { get; private set; }

    public bool IsEmpty => Length == 0;

    public void Advance(int count)
    {
        _written += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _written >= sizeHint)
        {
            return;
        }

        EmitPending();
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, sizeHint));
        _chunks.Add(_current);
        _written = 0;
        _emitted = 0;
    }

    /// <summary>Appends payload bytes by reference; the block is pinned until <see cref="Reset"/>.</summary>
    public void AddPayload(ContentBlock block, int offset, int count)
    {
        if (count == 0)
        {
            return;
        }

        if (count <= CopyThreshold)
        {
            Write(block.Data.AsSpan(offset, count));
            return;
        }

        EmitPending();
        block.AddRefs(1);
        _blocks.Add(block);
        Segments.Add(new ArraySegment<byte>(block.Data, offset, count));
        Length += count;
    }

    /// <summary>Appends raw bytes by copy (protocol headers, small constants).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    /// <summary>Closes the current chunk region so <see cref="Segments"/> is complete.</summary>
    public void Finish() => EmitPending();

    private void EmitPending()
    {
        if (_current is not null && _written > _emitted)
        {
            Segments.Add(new ArraySegment<byte>(_current, _emitted, _written - _emitted));
            _emitted = _written;
        }
    }

    /// <summary>Copies every byte into <paramref name="destination"/> (tests and stream transports).</summary>
    public void CopyTo(IBufferWriter<byte> destination)
    {
        Finish();
        foreach (var s in Segments)
        {
            destination.Write(s);
        }
    }

    /// <summary>Releases pinned blocks and returns chunks (keeps one for reuse).</summary>
    public void Reset()
    {
        foreach (var b in _blocks)
        {
            b.Release();
        }

        _blocks.Clear();
        for (int i = 1; i < _chunks.Count; i++)
        {
            ArrayPool<byte>.Shared.Return(_chunks[i]);
        }

        if (_chunks.Count > 1)
        {
            _chunks.RemoveRange(1, _chunks.Count - 1);
        }

        _current = _chunks.Count > 0 ? _chunks[0] : null;
        _written = 0;
        _emitted = 0;
        Segments.Clear();
        Length = 0;
    }

    /// <summary>Returns everything to the pools (connection closed).</summary>
    public void Dispose()
    {
        Reset();
        foreach (var c in _chunks)
        {
            ArrayPool<byte>.Shared.Return(c);
        }

        _chunks.Clear();
        _current = null;
    }
}
