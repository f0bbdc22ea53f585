using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Transport;
using Skrouterd.Buffers;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Tcp;

/// <summary>
/// One side of a TCP flow (adaptors.md §2.2–§2.7, legacy encapsulation): a socket and two streaming messages.
/// The read loop moves socket bytes into the outgoing message as data sections, reading straight into the message's
/// blocks (no copy); the write loop writes the incoming message's data sections to the socket straight from its
/// blocks. The byte window: the writer reports progress as non-terminal `received` states every
/// <see cref="AckWindow"/> bytes; the reader stops while <see cref="MaxUnacked"/> bytes are unacknowledged.
/// When both directions are done the socket is closed, the incoming delivery settled (accepted if it reached its end,
/// else modified) and the outgoing message completed (never aborted).
/// </summary>
internal abstract partial class TcpFlow : IInProcessHandler, IInProcessConnectionOwner
{
    /// <summary>Bytes read but not acknowledged before reading stops (the C router's TCP_MAX_CAPACITY).</summary>
    public const long MaxUnacked = 1_459_620;

    /// <summary>Bytes written between two `received` updates (TCP_ACK_WINDOW).</summary>
    public const long AckWindow = MaxUnacked / 4;

    private const int SectionHeaderLength = 8;
    private const int MaxRead = 64 * 1024;
    private const int MinReadSize = 1024 - SectionHeaderLength;

    private int _readSize = MinReadSize;

    /// <summary>Wakes a reader stopped by a full byte window; created the first time the window fills.</summary>
    private AsyncSignal? _windowSignal;
    private readonly DataSectionReader _sections = new();
    private Delivery? _inDelivery;
    private bool _inClosed;
    private long _acked;
    private volatile bool _windowDisabled;
    private long _lastAckSent;
    private int _finished;
    private readonly long _flowNumber;

    protected TcpFlow(TcpAdaptor adaptor, FlowIo io, string address, TcpEndpointCounters counters)
    {
        Adaptor = adaptor;
        Io = io;
        Address = address;
        Counters = counters;
        _flowNumber = adaptor.NextFlowNumber();
        StartedAt = adaptor.Core.Clock.GetUtcNow();
    }

    public TcpAdaptor Adaptor { get; }

    public FlowIo Io { get; }

    /// <summary>The service address.</summary>
    public string Address { get; }

    public TcpEndpointCounters Counters { get; }

    /// <summary>The flow's id, made when asked for (once, to start the flow): an idle flow does not keep the text.</summary>
    public string FlowId => Adaptor.FlowId(_flowNumber);

    /// <summary>`ip:port[@siteId]` of the client (the C router's global id); the name of the tcpConnection row.</summary>
    public string GlobalId { get; protected set; } = "";

    public abstract bool IsIngress { get; }

    public InProcessConnection? Connection { get; protected set; }

    public DateTimeOffset StartedAt { get; }

    public long BytesIn;
    public long BytesOut;
    public long LastInTick;
    public long LastOutTick;

    protected ILogger Log => Adaptor.Log;

    protected InProcessSender? Sender { get; set; }

    protected Message? OutMessage { get; set; }

    /// <summary>Our outgoing stream's delivery (we hold one reference until the flow ends).</summary>
    protected Delivery? OutDelivery { get; set; }

    /// <summary>The receiver the incoming stream arrives on.</summary>
    protected InProcessReceiver? Receiver { get; set; }

    /// <summary>The incoming stream's delivery (the receiver holds a reference for us until we settle it).</summary>
    protected Delivery? InDelivery => Volatile.Read(ref _inDelivery);

    public bool IsFinished => Volatile.Read(ref _finished) != 0;

    /// <summary>
    /// Makes <paramref name="d"/> the incoming stream; false when the flow already has one or has been cleaned up
    /// (the caller then disposes of the delivery). With <paramref name="wakeInline"/> (the caller holds no lock: a
    /// delivery handed over by the router's action list) a writer waiting for the stream starts on this thread.
    /// </summary>
    protected bool SetInDelivery(Delivery d, bool wakeInline = false)
    {
        lock (_sections) // the flow's own reader guards the incoming delivery: no lock object per flow
        {
            if (_inClosed || _inDelivery is not null)
            {
                return false;
            }

            d.Context = this;
            Volatile.Write(ref _inDelivery, d);
        }

        WakeWriter(wakeInline); // a writer waiting for the stream's head
        return true;
    }

    /// <summary>Takes the incoming delivery away from the flow, to settle it (null if already taken).</summary>
    protected Delivery? TakeInDelivery(bool close = false)
    {
        lock (_sections) // the flow's own reader guards the incoming delivery: no lock object per flow
        {
            _inClosed |= close;
            var d = _inDelivery;
            Volatile.Write(ref _inDelivery, null);
            return d;
        }
    }

    /// <summary>Set once the flow counted itself in its endpoint's connectionsOpened.</summary>
    protected bool CountedOpen { get; set; }

    // ---- the two loops -------------------------------------------------------------------------------------------

    private int _loops;

    /// <summary>
    /// Starts the read loop and the writer; the last of the two to exit cleans the flow up. Nothing awaits them: an
    /// idle flow is one suspended read loop and a writer that holds nothing until content arrives.
    /// </summary>
    protected void StartLoops()
    {
        _loops = 2;
        _ = ReadLoopAsync();
        StartWriter();
    }

    private void OnLoopExited()
    {
        if (Interlocked.Decrement(ref _loops) == 0)
        {
            Cleanup();
        }
    }

    /// <summary>Runs <paramref name="start"/>'s outcome: loops when the flow could start, clean-up otherwise.</summary>
    protected void StartLoopsOrCleanup(bool started)
    {
        if (started && !IsFinished)
        {
            StartLoops();
        }
        else
        {
            Cleanup();
        }
    }

    // ---- socket → outgoing message ---------------------------------------------------------------------------

    private bool WindowFull => !_windowDisabled && BytesIn - Interlocked.Read(ref _acked) >= MaxUnacked;

    private AsyncSignal PublishWindowSignal()
    {
        Interlocked.CompareExchange(ref _windowSignal, new AsyncSignal(), null);
        return _windowSignal!;
    }

    /// <summary>
    /// Wakes the reader if it waits for the window. The fence orders the caller's update (acked bytes, window off,
    /// finished) before the read of the signal; the reader publishes its signal before checking again.
    /// </summary>
    private void WakeReader()
    {
        Interlocked.MemoryBarrier();
        Volatile.Read(ref _windowSignal)?.Set();
    }

    private async Task ReadLoopAsync()
    {
        var message = OutMessage!;
        try
        {
            while (!IsFinished)
            {
                while (WindowFull)
                {
                    var signal = Volatile.Read(ref _windowSignal) ?? PublishWindowSignal();
                    if (IsFinished)
                    {
                        return;
                    }

                    if (WindowFull) // checked again after publishing the signal: an update may have missed it
                    {
                        await signal.WaitAsync().ConfigureAwait(false);
                    }
                }

                // No cancellation token on socket operations: Finish closes the socket, which ends them, and an idle
                // flow then holds no cancellation registration.
                await Io.WaitReadableAsync(default).ConfigureAwait(false);
                // The read size adapts to the traffic (no FIONREAD per read): a read that fills its buffer grows the
                // next one, a small one shrinks it, so interactive flows keep small blocks and bulk flows 64 KiB ones.
                var block = message.GetWritableTail(SectionHeaderLength + 1, _readSize + SectionHeaderLength);
                if (block is null)
                {
                    break; // nobody reads our stream any more: this direction is over
                }

                var free = block.FreeMemory;
                int want = Math.Min(free.Length - SectionHeaderLength, MaxRead);
                int n = await Io.ReadAsync(free.Slice(SectionHeaderLength, want), default).ConfigureAwait(false);
                if (n == 0)
                {
                    Volatile.Write(ref _peerClosed, true);
                    break;
                }

                if (n == want && want >= _readSize)
                {
                    _readSize = Math.Min(_readSize * 4, MaxRead);
                }
                else if (n < _readSize / 8)
                {
                    _readSize = Math.Max(MinReadSize, _readSize / 2);
                }

                // A data section header in front of the bytes just read: 00 53 75 b0 <length:uint32>.
                var header = free.Span;
                header[0] = FormatCode.Described;
                header[1] = FormatCode.SmallULong;
                header[2] = (byte)Descriptors.Data;
                header[3] = FormatCode.Binary32;
                BinaryPrimitives.WriteInt32BigEndian(header[4..], n);
                message.CommitTail(SectionHeaderLength + n);
                WakeConsumersInline(message);
                Interlocked.Add(ref BytesIn, n);
                Interlocked.Add(ref Counters.BytesIn, n);
                LastInTick = Adaptor.Core.Ticks + 1; // 0 means "never"
            }

            OnReadEnded(failed: false);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            OnReadEnded(failed: !IsFinished);
        }
        catch (Exception e)
        {
            Log.FlowFailed(ConnectionIdText, e);
            Abort();
        }
        finally
        {
            OnLoopExited();
        }
    }

    /// <summary>Checks the head of the incoming stream (encapsulation); false stops the flow.</summary>
    protected abstract bool AcceptIncomingHead(StreamHead head);

    /// <summary>The incoming stream cannot be used: reject it and end the flow.</summary>
    protected void RejectIncoming(string description)
    {
        Log.MalformedMessage(ConnectionIdText, description);
        if (Receiver is { } r && TakeInDelivery() is { } d)
        {
            r.Settle(d, DeliveryState.Rejected(new AmqpError(AmqpErrors.DecodeError, description)));
        }

        Abort();
    }

    protected string ConnectionIdText => Connection is null ? "[C?]" : $"[C{Connection.Identity}]";

    // ---- state ---------------------------------------------------------------------------------------------------

    private int _readEnded;

    /// <summary>The peer's FIN was read: nothing unread is left in the socket.</summary>
    private bool _peerClosed;
    private int _writeEnded;

    private void OnReadEnded(bool failed)
    {
        Interlocked.Exchange(ref _readEnded, 1);
        if (!failed && OutMessage is { } m && !m.IsFinished)
        {
            // The peer half-closed: the outgoing stream ends normally.
            m.Complete();
            WakeConsumersInline(m);
        }

        if (failed)
        {
            Abort();
            return;
        }

        TryFinish();
    }

    private void OnWriteEnded(bool failed)
    {
        Interlocked.Exchange(ref _writeEnded, 1);
        if (failed)
        {
            Abort();
            return;
        }

        TryFinish();
    }

    private void TryFinish()
    {
        if (Volatile.Read(ref _readEnded) == 1 && Volatile.Read(ref _writeEnded) == 1)
        {
            Finish(reset: false);
        }
    }

    /// <summary>Ends the flow now (socket error, or an outcome that forbids going on).</summary>
    public void Abort() => Finish(reset: true);

    /// <summary>Management closed the flow's connection: reset the socket, as the C router closes its raw connection.</summary>
    public void OnForceClose(string condition, string description) => Abort();

    /// <summary>
    /// Stops the flow: closes the socket and wakes both loops so they exit; runs once. It touches neither message nor
    /// delivery: the loops may still be using them, so <see cref="Cleanup"/> settles and releases them once the loops
    /// have exited.
    /// </summary>
    protected void Finish(bool reset)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        OnFinishing();
        Io.Close(reset);
        WakeReader();
        if (!Volatile.Read(ref _writerExited))
        {
            WakeWriter(inline: false); // so it sees the end and exits
        }
    }

    private int _cleanedUp;

    /// <summary>
    /// Ends the flow's part in the router, once its loops have exited (or never started): completes the outgoing
    /// message (never aborted), settles the incoming delivery (accepted if the whole stream was written, else
    /// modified), releases our outgoing delivery and lets the side detach its links. Runs once.
    /// </summary>
    protected void Cleanup()
    {
        Finish(reset: true); // no-op when the flow already ended
        if (Interlocked.Exchange(ref _cleanedUp, 1) != 0)
        {
            return;
        }

        if (OutMessage is { } m && !m.IsFinished)
        {
            m.Complete();
            m.WakeConsumers();
        }

        if (TakeInDelivery(close: true) is { } d && Receiver is { } receiver)
        {
            // A stream with a body section other than data was consumed as far as it could be: accepted, as the
            // C router does (TcpLegacyInvalidEncodingTest).
            bool complete = (d.Message!.IsComplete && _sections.IsAtEnd(d)) || _sections.IsInvalid;
            receiver.Settle(d, complete ? DeliveryState.Accepted : DeliveryState.Modified(deliveryFailed: true, undeliverableHere: false));
        }

        OutMessage = null;
        OutDelivery?.Release();
        OutDelivery = null;
        OnFinished();
        ActionList.Current.Run();
        if (CountedOpen)
        {
            Interlocked.Increment(ref Counters.ConnectionsClosed);
        }

        Adaptor.Forget(this);
    }

    /// <summary>The flow is stopping (called once, before the socket closes): cancel what the side has in progress.</summary>
    protected virtual void OnFinishing()
    {
    }

    /// <summary>Side-specific clean-up (detach own links, unregister the connection).</summary>
    protected abstract void OnFinished();

    // ---- router callbacks ------------------------------------------------------------------------------------

    public abstract void OnDelivery(InProcessReceiver link, Delivery delivery);

    /// <summary>
    /// Wakes the consumers of our outgoing stream from a read loop, which holds no lock: a flow of this router that reads
    /// the stream writes the new bytes to its socket on this thread, before this returns, with no thread-pool hop.
    /// </summary>
    private static void WakeConsumersInline(Message message)
    {
        t_wakeInline = true;
        try
        {
            message.WakeConsumers();
        }
        finally
        {
            t_wakeInline = false;
        }
    }

    public void OnUpdate(RouterLink link, Delivery delivery, DeliveryState state, bool settled)
    {
        // Our sender carries only our outgoing stream. Compare the link, not OutDelivery: an update (a release from a
        // far side with no server) may arrive before Send has returned the delivery to us.
        if (link != Sender || IsFinished)
        {
            return;
        }

        if (state.Kind == DeliveryStateKind.Received)
        {
            long offset = (long)state.SectionOffset;
            if (offset > Interlocked.Read(ref _acked))
            {
                Interlocked.Exchange(ref _acked, offset);
                WakeReader();
            }
        }

        if (settled || state.IsTerminal)
        {
            if (state.Kind == DeliveryStateKind.Accepted)
            {
                _windowDisabled = true;
                WakeReader();
            }
            else if (state.IsTerminal || settled)
            {
                OnOutgoingRefused(state);
            }
        }
    }

    /// <summary>The far side refused our stream (released: no server; rejected; modified): close at once.</summary>
    protected virtual void OnOutgoingRefused(DeliveryState state)
    {
        if (Log.IsEnabled(LogLevel.Debug))
        {
            Log.StreamRefused(ConnectionIdText, state.ToString());
        }

        // A refusal (no server, rejected) closes the client politely (FIN), as the C router closes its raw
        // connection; a reset is kept for socket errors.
        Finish(reset: false);
    }

    public virtual void OnCredit(InProcessSender link, int credit, bool drain)
    {
    }
}
