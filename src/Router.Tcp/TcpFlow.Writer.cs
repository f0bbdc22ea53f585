using System.Buffers;
using System.Net.Sockets;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Transport;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Tcp;

/// <summary>
/// Incoming message → socket: an event-driven writer. It runs when something may have changed (new content, the
/// incoming delivery, the end of the flow), writes what is there and returns: an idle writer holds no task, no
/// buffer and no wait object. A write the socket cannot take at once continues asynchronously and then runs the
/// writer again. Exactly one thread runs it at a time (<see cref="_writerRequests"/> counts the requests that arrive
/// while it runs, so none is lost).
/// </summary>
internal abstract partial class TcpFlow : IThreadPoolWorkItem
{
    /// <summary>Set while a read loop wakes its message's consumers: they may run their writers on this thread.</summary>
    [ThreadStatic]
    private static bool t_wakeInline;

    private int _writerRequests;

    /// <summary>1 once the writer runs on requests (after a flow's start-up has read the incoming head if it had to).</summary>
    private int _writerStarted;

    /// <summary>The writer is done (its exit counted); only the running writer touches it.</summary>
    private bool _writerExited;

    /// <summary>The incoming stream's head has been read (it is not kept: a flow needs it only to start).</summary>
    private bool _headRead;

    /// <summary>Bytes of the write in progress (0: none; -1: the half-close).</summary>
    private int _pendingWrite;

    /// <summary>Wakes a start-up waiting for the rest of the incoming head (created only if it has to wait).</summary>
    private AsyncSignal? _headSignal;

    private void StartWriter()
    {
        Interlocked.Exchange(ref _writerStarted, 1); // a full fence: see WakeWriter
        RequestWriterRun(inline: true);
    }

    /// <summary>
    /// Something the writer waits for may have changed. With <paramref name="inline"/> (the caller holds no lock) the
    /// writer runs on this thread; otherwise on the thread pool.
    /// </summary>
    public void WakeWriter(bool inline)
    {
        if (Volatile.Read(ref _writerStarted) == 0)
        {
            Interlocked.MemoryBarrier(); // orders the caller's update before the check, as StartWriter orders its own
            if (Volatile.Read(ref _writerStarted) == 0)
            {
                Volatile.Read(ref _headSignal)?.Set(inline);
                return;
            }
        }

        RequestWriterRun(inline);
    }

    public void OnContent(InProcessReceiver link, Delivery delivery)
    {
        // A wake from a flow's read loop (no lock held) runs our writer right here; a nested wake does not.
        bool inline = t_wakeInline;
        t_wakeInline = false;
        WakeWriter(inline);
        t_wakeInline = inline;
    }

    private void RequestWriterRun(bool inline)
    {
        if (Interlocked.Increment(ref _writerRequests) != 1)
        {
            return; // running: it runs once more before it stops
        }

        if (inline)
        {
            RunWriter(1);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => RunWriter(Volatile.Read(ref _writerRequests));

    /// <summary>Runs the writer until every request made meanwhile has been served, or a write has to wait.</summary>
    private void RunWriter(int requests)
    {
        while (true)
        {
            if (!_writerExited)
            {
                var pending = WriteAvailable();
                if (!pending.IsCompletedSuccessfully)
                {
                    // The socket could not take it all (or failed): resume when it has. The callback is one delegate
                    // per flow, made the first time a write waits; no task per wait.
                    _pendingTask = pending;
                    _pendingRequests = requests;
                    pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_writeCompleted ??= OnWriteCompleted);
                    return;
                }
            }

            int left = Interlocked.Add(ref _writerRequests, -requests);
            if (left == 0)
            {
                return;
            }

            requests = left;
        }
    }

    private ValueTask _pendingTask;
    private int _pendingRequests;
    private Action? _writeCompleted;

    /// <summary>A write (or the half-close) the socket could not take at once has completed: go on writing.</summary>
    private void OnWriteCompleted()
    {
        var pending = _pendingTask;
        _pendingTask = default;
        try
        {
            pending.GetAwaiter().GetResult();
            AfterWrite();
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            EndWriter(failed: !IsFinished);
        }
        catch (Exception e)
        {
            Log.FlowFailed(ConnectionIdText, e);
            Abort();
            EndWriter(failed: true);
        }

        RunWriter(_pendingRequests);
    }

    /// <summary>
    /// Writes what the incoming stream has now. Returns a pending task when the socket could not take a write at
    /// once (the writer resumes when it completes), a completed one otherwise.
    /// </summary>
    private ValueTask WriteAvailable()
    {
        try
        {
            if (IsFinished)
            {
                EndWriter(failed: false);
                return default;
            }

            if (!_headRead)
            {
                var head = ReadIncomingHead(out bool stop);
                if (stop)
                {
                    EndWriter(failed: false);
                    return default;
                }

                if (head is null)
                {
                    return default; // more of the head, or the delivery itself, is still to come
                }
            }

            var d = InDelivery;
            if (d is null)
            {
                EndWriter(failed: false); // taken away (rejected): the flow is ending
                return default;
            }

            while (true)
            {
                var chunk = _sections.Next(d);
                if (chunk.Length > 0)
                {
                    _pendingWrite = chunk.Length;
                    var write = Io.WriteAsync(chunk, default);
                    if (!write.IsCompletedSuccessfully)
                    {
                        return write;
                    }

                    AfterWrite();
                    continue;
                }

                if (_sections.IsInvalid)
                {
                    Log.InvalidBody(ConnectionIdText);
                    return ShutdownWrite();
                }

                if (_sections.IsAtEnd(d) || d.Message!.IsAborted)
                {
                    return ShutdownWrite();
                }

                return default; // wait for content
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            EndWriter(failed: !IsFinished);
            return default;
        }
    }

    private ValueTask ShutdownWrite()
    {
        _pendingWrite = -1;
        if (Volatile.Read(ref _peerClosed) && Volatile.Read(ref _readEnded) == 1 && Io.CloseIsHalfClose)
        {
            // The peer has closed its side and everything it sent was read: the flow ends now, and closing the socket
            // sends our FIN. One shutdown call fewer per short flow.
            AfterWrite();
            return default;
        }

        var shutdown = Io.ShutdownWriteAsync();
        if (!shutdown.IsCompletedSuccessfully)
        {
            return shutdown;
        }

        AfterWrite();
        return default;
    }

    /// <summary>Accounts for the write that just completed (or ends the writer after the half-close).</summary>
    private void AfterWrite()
    {
        int n = _pendingWrite;
        _pendingWrite = 0;
        if (n < 0)
        {
            EndWriter(failed: false);
            return;
        }

        var d = InDelivery;
        if (d is null || n == 0)
        {
            return;
        }

        _sections.Consume(d, n);
        Interlocked.Add(ref BytesOut, n);
        Interlocked.Add(ref Counters.BytesOut, n);
        LastOutTick = Adaptor.Core.Ticks + 1;
        if (BytesOut - _lastAckSent >= AckWindow)
        {
            _lastAckSent = BytesOut;
            Receiver!.Settle(d, DeliveryState.Received(0, (ulong)BytesOut), settle: false);
        }
    }

    /// <summary>The writer's last act: the write side is over (after the half-close, a failure, or the flow's end).</summary>
    private void EndWriter(bool failed)
    {
        if (_writerExited)
        {
            return;
        }

        Volatile.Write(ref _writerExited, true);
        OnWriteEnded(failed);
        OnLoopExited();
    }

    /// <summary>
    /// Start-up (the connector side reads the request's head before it connects): waits for the incoming stream's
    /// head, reads and checks it; null when the flow must stop.
    /// </summary>
    protected async ValueTask<StreamHead?> ReadIncomingHeadAsync()
    {
        while (true)
        {
            var head = ReadIncomingHead(out bool stop);
            if (head is not null || stop)
            {
                return head;
            }

            // Publish the signal, then look again: content that arrived before it was published is not missed.
            var signal = Volatile.Read(ref _headSignal) ?? PublishHeadSignal();
            head = ReadIncomingHead(out stop);
            if (head is not null || stop)
            {
                return head;
            }

            await signal.WaitAsync().ConfigureAwait(false);
        }
    }

    private AsyncSignal PublishHeadSignal()
    {
        Interlocked.CompareExchange(ref _headSignal, new AsyncSignal(), null);
        return _headSignal!;
    }

    /// <summary>
    /// Reads and checks the incoming stream's head if it is all there; null while it is incomplete (or the delivery
    /// has not arrived), and null with <paramref name="stop"/> when the flow must stop.
    /// </summary>
    private StreamHead? ReadIncomingHead(out bool stop)
    {
        stop = IsFinished;
        var d = InDelivery;
        if (stop || d is null)
        {
            return null;
        }

        // The head is copied out to be parsed (it may straddle blocks); usually it arrives whole, within 1 KiB.
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            while (true)
            {
                int n = ContentReader.CopyAhead(d, buffer);
                var result = StreamHead.TryParse(buffer.AsSpan(0, n), d.Message!.IsFinished, out var head, out int length);
                if (result == StreamHead.ParseResult.Complete)
                {
                    if (!AcceptIncomingHead(head!))
                    {
                        stop = true;
                        return null;
                    }

                    ContentReader.Advance(d, length);
                    _headRead = true;
                    return head;
                }

                if (result == StreamHead.ParseResult.Malformed || (n == buffer.Length && buffer.Length >= 64 * 1024))
                {
                    RejectIncoming("Malformed TCP message");
                    stop = true;
                    return null;
                }

                if (n < buffer.Length)
                {
                    return null;
                }

                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(n * 4);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
