using System.Buffers;
using System.IO.Pipelines;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Bench;

/// <summary>
/// One AMQP 1.0 connection of a load generator (transport.xml 2.4–2.7), with one session on channel 0 and one link,
/// over a duplex pipe: a TCP socket or an in-memory router connection. It speaks raw frames through the router's own
/// codec. One loop does everything: it writes what it may (transfers within credit and windows, dispositions, flows),
/// flushes, then reads and handles the next batch of frames; <see cref="Kick"/> wakes it from another thread. The
/// steady state allocates nothing: transfers come from a <see cref="MessageTemplate"/>, performatives are decoded
/// into reused instances.
/// </summary>
public sealed partial class AmqpPeer
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly PerformativeReader _frames = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Flow _flowOut = new();

    private bool _openSent;
    private bool _beginSent;
    private bool _attachSent;
    private bool _attachReceived;
    private bool _closeSent;
    private bool _closeReceived;
    private volatile bool _closeRequested;
    private bool _written;
    private uint _remoteMaxFrameSize = 512;

    // session (transport.xml 2.5.6)
    private uint _nextOutgoingId;
    private uint _remoteIncomingWindow;
    private uint _nextIncomingId;

    // link (transport.xml 2.6.7)
    private uint _deliveryCount;
    private uint _credit;

    public AmqpPeer(IDuplexPipe pipe, PeerOptions options)
    {
        _input = pipe.Input;
        _output = pipe.Output;
        Options = options;
        if (options.Role == PeerRole.Sender)
        {
            Template = new MessageTemplate(options.Address, options.BodySize, options.Presettled);
            _sendTimes = new long[SendTimesSize];
        }
        else
        {
            _sendTimes = [];
        }
    }

    public PeerOptions Options { get; }

    /// <summary>Sender: the message sent (null for a receiver).</summary>
    public MessageTemplate? Template { get; }

    /// <summary>Completes once the link is attached (and, for a receiver, credit is granted).</summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// Sender: deliveries finished (sent if pre-settled, settled by the receiver otherwise).
    /// Receiver: deliveries received completely.
    /// </summary>
    public ProgressSignal Progress { get; } = new();

    /// <summary>Why the connection ended abnormally (a close or detach with an error, a protocol or I/O failure).</summary>
    public string? Error { get; private set; }

    /// <summary>Runs the connection until it closes.</summary>
    public async Task RunAsync()
    {
        try
        {
            await HandshakeAsync().ConfigureAwait(false);
            await LoopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Amqp.Codec.AmqpDecodeException or OperationCanceledException
            or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Error ??= e.Message;
        }
        finally
        {
            Progress.Fail();
            _ready.TrySetException(new InvalidOperationException(Error ?? "connection closed before the link was attached"));
            await _output.CompleteAsync().ConfigureAwait(false);
            await _input.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Forgets latencies and outcomes recorded so far (after a warm-up). Call only while the connection is idle:
    /// every message sent has been received and settled.
    /// </summary>
    public void ClearStatistics()
    {
        DeliveryLatency.Clear();
        SettleLatency.Clear();
        Accepted = 0;
        Released = 0;
        Rejected = 0;
        Modified = 0;
    }

    /// <summary>Wakes the loop (any thread): it writes what it may, then reads again.</summary>
    public void Kick() => _input.CancelPendingRead();

    /// <summary>Sends close (any thread); <see cref="RunAsync"/> completes when the peer answers.</summary>
    public void Close()
    {
        _closeRequested = true;
        Kick();
    }

    private async Task HandshakeAsync()
    {
        if (!Options.Passive)
        {
            _output.Write(ProtocolHeader.Amqp);
            await _output.FlushAsync().ConfigureAwait(false);
        }

        while (true)
        {
            var result = await _input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= ProtocolHeader.Length)
            {
                Span<byte> header = stackalloc byte[ProtocolHeader.Length];
                buffer.Slice(0, ProtocolHeader.Length).CopyTo(header);
                _input.AdvanceTo(buffer.GetPosition(ProtocolHeader.Length));
                if (!header.SequenceEqual(ProtocolHeader.Amqp))
                {
                    throw new InvalidDataException($"expected the AMQP protocol header, received {Convert.ToHexString(header)} (does the listener require SASL?)");
                }

                break;
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new IOException("connection closed before the protocol header");
            }
        }

        if (Options.Passive)
        {
            _output.Write(ProtocolHeader.Amqp);
            _written = true;
        }
        else
        {
            WriteOpen();
            WriteBegin(remoteChannel: null);
            WriteAttach();
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            if (_closeRequested && !_closeSent)
            {
                WriteClose(null);
            }

            bool more = Options.Role == PeerRole.Sender && _attachReceived && !_closeSent && PumpTransfers();
            if (_written)
            {
                _written = false;
                var flush = await _output.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    return;
                }
            }

            ReadResult result;
            if (more)
            {
                if (!_input.TryRead(out result))
                {
                    continue;
                }
            }
            else
            {
                result = await _input.ReadAsync().ConfigureAwait(false);
            }

            var buffer = result.Buffer;
            try
            {
                while (FrameReader.TryReadFrame(ref buffer, Options.MaxFrameSize, out var header, out var body))
                {
                    HandleFrame(header, body);
                }
            }
            finally
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (Options.Role == PeerRole.Receiver)
            {
                AfterReadBatch();
            }

            if (_closeReceived)
            {
                if (_written)
                {
                    await _output.FlushAsync().ConfigureAwait(false);
                }

                return;
            }

            if (result.IsCompleted)
            {
                throw new IOException("connection closed by the peer without a close frame");
            }
        }
    }

    private void HandleFrame(FrameHeader header, in ReadOnlySequence<byte> body)
    {
        if (header.Type != FrameHeader.TypeAmqp)
        {
            throw new InvalidDataException($"unexpected frame type {header.Type}");
        }

        if (body.IsEmpty)
        {
            return; // heartbeat
        }

        var performative = _frames.ReadAmqp(body, out var payload);
        switch (performative)
        {
            case Transfer t:
                OnTransfer(t, payload);
                break;
            case Flow f:
                OnFlow(f);
                break;
            case Disposition d:
                OnDisposition(d);
                break;
            case Open o:
                _remoteMaxFrameSize = o.MaxFrameSize ?? uint.MaxValue;
                if (!_openSent)
                {
                    WriteOpen();
                }

                break;
            case Begin b:
                _nextIncomingId = b.NextOutgoingId;
                _remoteIncomingWindow = b.IncomingWindow;
                if (!_beginSent)
                {
                    WriteBegin(header.Channel);
                }

                break;
            case Attach a:
                OnAttach(a);
                break;
            case Detach d:
                Error ??= $"link detached by the peer: {d.Error?.Condition} {d.Error?.Description}";
                _closeRequested = true;
                break;
            case End e:
                Error ??= $"session ended by the peer: {e.Error?.Condition} {e.Error?.Description}";
                _closeRequested = true;
                break;
            case Close c:
                _closeReceived = true;
                if (c.Error is not null)
                {
                    Error ??= $"connection closed by the peer: {c.Error.Condition} {c.Error.Description}";
                }

                if (!_closeSent)
                {
                    WriteClose(null);
                }

                break;
        }
    }

    private void OnAttach(Attach attach)
    {
        bool weSend = Options.Role == PeerRole.Sender;
        if ((attach.Role == LinkRole.Sender) == weSend)
        {
            throw new InvalidDataException($"the peer attached link '{attach.Name}' with our own role");
        }

        _attachReceived = true;
        if (!_attachSent)
        {
            WriteAttachReply(attach);
        }
        else if (attach.Source is null && attach.Target is null)
        {
            return; // refused: a detach with the error follows
        }

        if (!weSend)
        {
            WriteCreditFlow();
        }

        _ready.TrySetResult();
    }

    private void OnFlow(Flow flow)
    {
        // transport.xml 2.5.6: remote-incoming-window = next-incoming-id(flow) + incoming-window(flow) - next-outgoing-id(ours)
        _remoteIncomingWindow = unchecked((flow.NextIncomingId ?? 0) + flow.IncomingWindow - _nextOutgoingId);
        if (flow.Handle is not null && Options.Role == PeerRole.Sender)
        {
            // transport.xml 2.6.7: link-credit(snd) = delivery-count(rcv) + link-credit(rcv) - delivery-count(snd)
            _credit = unchecked((flow.DeliveryCount ?? 0) + (flow.LinkCredit ?? 0) - _deliveryCount);
            if (_credit > int.MaxValue)
            {
                _credit = 0;
            }
        }
    }

    /// <summary>Writes a frame on our channel 0 (the session's outgoing channel, whatever channel the peer uses).</summary>
    private void WriteFrame(DescribedList performative)
    {
        FrameWriter.Write(_output, FrameHeader.TypeAmqp, 0, performative);
        _written = true;
    }

    private void WriteOpen()
    {
        WriteFrame(new Open { ContainerId = Options.ContainerId, MaxFrameSize = Options.MaxFrameSize, ChannelMax = 0 });
        _openSent = true;
    }

    private void WriteBegin(ushort? remoteChannel)
    {
        WriteFrame(new Begin
        {
            RemoteChannel = remoteChannel,
            NextOutgoingId = _nextOutgoingId,
            IncomingWindow = Options.IncomingWindow,
            OutgoingWindow = Options.IncomingWindow,
        });
        _beginSent = true;
    }

    private void WriteAttach()
    {
        bool weSend = Options.Role == PeerRole.Sender;
        WriteFrame(new Attach
        {
            Name = $"{Options.ContainerId}-{(weSend ? "sender" : "receiver")}",
            Handle = 0,
            Role = weSend ? LinkRole.Sender : LinkRole.Receiver,
            SndSettleMode = weSend ? (Options.Presettled ? SenderSettleMode.Settled : SenderSettleMode.Unsettled) : SenderSettleMode.Mixed,
            RcvSettleMode = ReceiverSettleMode.First,
            Source = new Source { Address = weSend ? null : Options.Address },
            Target = new Target { Address = weSend ? Options.Address : null },
            InitialDeliveryCount = weSend ? 0 : null,
        });
        _attachSent = true;
    }

    private void WriteAttachReply(Attach attach)
    {
        bool weSend = Options.Role == PeerRole.Sender;
        WriteFrame(new Attach
        {
            Name = attach.Name,
            Handle = 0,
            Role = weSend ? LinkRole.Sender : LinkRole.Receiver,
            SndSettleMode = attach.SndSettleMode,
            RcvSettleMode = ReceiverSettleMode.First,
            Source = attach.Source,
            Target = attach.Target,
            InitialDeliveryCount = weSend ? 0 : null,
        });
        _attachSent = true;
    }

    private void WriteClose(Amqp.Framing.AmqpError? error)
    {
        WriteFrame(new Close { Error = error });
        _closeSent = true;
    }
}
