using System.Buffers;
using System.Collections.Concurrent;

namespace Skrouterd.Benchmarks;

/// <summary>
/// A pool of fixed 4 KiB pinned blocks for the in-memory pipes (the shape of aspnetcore's PinnedBlockMemoryPool): a
/// block and its owner object are reused for ever, so the harness pipes allocate nothing once warm and every byte
/// the memory diagnoser reports is the router's. (The shared ArrayPool would drop arrays that are rented on one
/// thread and returned on another once its per-core stacks are full, and the pipes would show up as allocating.)
/// </summary>
internal sealed class BlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 4096;

    private readonly ConcurrentQueue<Block> _free = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        return _free.TryDequeue(out var block) ? block : new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(BlockMemoryPool pool) : IMemoryOwner<byte>
    {
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);

        public Memory<byte> Memory => _array;

        public void Dispose() => pool._free.Enqueue(this);
    }
}
