using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// A connection over two in-memory pipes (benchmarks, in-memory tests): the router reads what the peer writes to
/// <see cref="Peer"/>'s output and the peer reads what the router sends. A batch is copied into the outbound pipe
/// (there is no socket to gather into); the pipe's pause threshold is the backpressure, as a socket's buffer is.
/// With <see cref="CreateInlineOptions"/> a flush runs the reading side's continuation on the flushing thread.
/// </summary>
internal sealed class InMemoryTransport : ITransport
{
    private readonly Pipe _toRouter;
    private readonly Pipe _toPeer;
    private int _closed;

    public InMemoryTransport(PipeOptions? toRouter = null, PipeOptions? toPeer = null, string remoteAddress = "in-memory:peer", string localAddress = "in-memory:router")
    {
        _toRouter = new Pipe(toRouter ?? PipeOptions.Default);
        _toPeer = new Pipe(toPeer ?? PipeOptions.Default);
        Peer = new PeerPipe(_toPeer.Reader, _toRouter.Writer);
        RemoteAddress = remoteAddress;
        LocalAddress = localAddress;
    }

    /// <summary>
    /// Options for benchmarks: continuations run inline on the flushing thread and writers never pause (the AMQP
    /// credit and session windows bound what is in flight). Pass a pool that reuses its blocks across threads to keep
    /// the pipes allocation-free.
    /// </summary>
    public static PipeOptions CreateInlineOptions(MemoryPool<byte>? pool = null) => new(
        pool: pool,
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 0,
        resumeWriterThreshold: 0,
        useSynchronizationContext: false);

    /// <summary>The other end: the peer reads the router's output from <see cref="IDuplexPipe.Input"/> and writes to <see cref="IDuplexPipe.Output"/>.</summary>
    public IDuplexPipe Peer { get; }

    public PipeReader Input => _toRouter.Reader;

    public string RemoteAddress { get; }

    public string LocalAddress { get; }

    public TlsInfo? Tls => null;

    public ValueTask SendAsync(OutputBatch batch, CancellationToken cancellationToken)
    {
        batch.Finish();
        var output = _toPeer.Writer;
        foreach (var segment in batch.Segments)
        {
            output.Write(segment.AsSpan());
        }

        return FlushAsync(output.FlushAsync(cancellationToken));
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var output = _toPeer.Writer;
        output.Write(bytes.Span);
        return FlushAsync(output.FlushAsync(cancellationToken));
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _toPeer.Writer.Complete(new IOException("connection aborted"));
            _toRouter.Reader.CancelPendingRead();
        }
    }

    public ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _toPeer.Writer.Complete();
            _toRouter.Reader.CancelPendingRead();
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask FlushAsync(ValueTask<FlushResult> flush)
    {
        if (flush.IsCompletedSuccessfully)
        {
            return Check(flush.Result);
        }

        return AwaitFlushAsync(flush);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask AwaitFlushAsync(ValueTask<FlushResult> flush) => await Check(await flush.ConfigureAwait(false)).ConfigureAwait(false);

    private static ValueTask Check(FlushResult result) =>
        result.IsCompleted ? ValueTask.FromException(new IOException("the peer stopped reading")) : ValueTask.CompletedTask;

    private sealed class PeerPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
