using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// The send loop: renders flow, disposition and transfer frames under the connection lock into an
/// <see cref="OutputBatch"/> (payloads by reference into message blocks), then sends the batch outside the lock.
/// While a send is in progress the other batch collects new frames; the next render appends to it.
/// </summary>
internal sealed partial class AmqpConnection
{
    private async Task SendLoopAsync()
    {
        try
        {
            while (true)
            {
                await _writeSignal.WaitAsync().ConfigureAwait(false);
                while (true)
                {
                    OutputBatch batch;
                    bool close;
                    lock (_sync)
                    {
                        if (!_terminated && !_closeSent)
                        {
                            RenderLocked(_pending);
                        }

                        batch = _pending;
                        _pending = _sending;
                        _sending = batch;
                        close = _closeSent || _terminated;
                    }

                    ActionList.Current.Run();
                    if (batch.IsEmpty)
                    {
                        batch.Reset();
                        if (close)
                        {
                            await _transport.CloseAsync().ConfigureAwait(false);
                            return;
                        }

                        break;
                    }

                    try
                    {
                        await _transport.SendAsync(batch, CancellationToken.None).ConfigureAwait(false);
                        _lastSentTimestamp = Core.Clock.GetTimestamp();
                    }
                    finally
                    {
                        batch.Reset();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Log.SendFailed(_log, Identity, e.Message);
            _transport.Abort();
        }
    }

    private void RenderLocked(OutputBatch batch)
    {
        RenderSessionFlowsLocked(batch);
        RenderLinkFlowsLocked(batch);
        RenderDispositionsLocked(batch);
        RenderTransfersLocked(batch);
    }

    private void RenderSessionFlowsLocked(OutputBatch batch)
    {
        Volatile.Write(ref _sessionFlowRequested, 0);
        foreach (var session in _sessionsByLocal.Values)
        {
            if (!session.FlowPending || !session.BeginSent || session.EndSent)
            {
                continue;
            }

            session.FlowPending = false;
            if (session.IncomingWindow <= session.IncomingWindowSize / 2)
            {
                if (session.Budget.IsExhausted)
                {
                    session.Budget.MarkBlocked();
                    continue;
                }

                session.IncomingWindow = session.IncomingWindowSize;
            }

            _flowOut.NextIncomingId = session.NextIncomingId;
            _flowOut.IncomingWindow = session.IncomingWindow;
            _flowOut.NextOutgoingId = session.NextOutgoingId;
            _flowOut.OutgoingWindow = int.MaxValue;
            _flowOut.Handle = null;
            _flowOut.DeliveryCount = null;
            _flowOut.LinkCredit = null;
            _flowOut.Available = null;
            _flowOut.Drain = false;
            _flowOut.Echo = false;
            FrameWriter.Write(batch, FrameHeader.TypeAmqp, session.LocalChannel, _flowOut);
        }
    }

    private void RenderLinkFlowsLocked(OutputBatch batch)
    {
        foreach (var link in _pendingLinkFlows)
        {
            link.FlowPending = false;
            if (link.IsDetached || link.DetachSent)
            {
                continue;
            }

            WriteLinkFlowLocked(batch, link);
        }

        _pendingLinkFlows.Clear();
    }

    private void WriteLinkFlowLocked(OutputBatch batch, AmqpLink link)
    {
        var session = link.Session;
        _flowOut.NextIncomingId = session.NextIncomingId;
        _flowOut.IncomingWindow = session.IncomingWindow;
        _flowOut.NextOutgoingId = session.NextOutgoingId;
        _flowOut.OutgoingWindow = int.MaxValue;
        _flowOut.Handle = link.LocalHandle;
        _flowOut.DeliveryCount = link.DeliveryCountValue;
        _flowOut.LinkCredit = link.LinkCredit;
        _flowOut.Available = link is AmqpOutgoingLink o ? (uint)o.QueueLength : null;
        _flowOut.Drain = link.Drain;
        _flowOut.Echo = false;
        FrameWriter.Write(batch, FrameHeader.TypeAmqp, session.LocalChannel, _flowOut);
    }

    /// <summary>Writes pending dispositions, coalescing runs of consecutive ids with the same outcome into ranges.</summary>
    private void RenderDispositionsLocked(OutputBatch batch)
    {
        foreach (var session in _sessionsByLocal.Values)
        {
            var pending = session.PendingDispositions;
            if (pending.Count == 0)
            {
                continue;
            }

            int i = 0;
            while (i < pending.Count)
            {
                var first = pending[i];
                int j = i + 1;
                if (IsSimple(first.LocalState))
                {
                    while (j < pending.Count && SameDisposition(pending[j - 1], pending[j]))
                    {
                        j++;
                    }
                }

                var last = pending[j - 1];
                var link = first.Link as AmqpLink;
                if (link is not null && !link.DetachSent && !session.EndSent)
                {
                    _dispositionOut.Role = first.IsIncoming ? LinkRole.Receiver : LinkRole.Sender;
                    _dispositionOut.First = first.DeliveryId;
                    _dispositionOut.Last = j - 1 > i ? last.DeliveryId : null;
                    _dispositionOut.Settled = first.LocallySettled;
                    _dispositionOut.State = first.LocalState;
                    _dispositionOut.Batchable = false;
                    FrameWriter.Write(batch, FrameHeader.TypeAmqp, session.LocalChannel, _dispositionOut);
                }

                for (int k = i; k < j; k++)
                {
                    pending[k].DispositionPending = false;
                    pending[k].Release();
                }

                i = j;
            }

            pending.Clear();
        }

        static bool IsSimple(DeliveryState s) => s.Kind is DeliveryStateKind.Accepted or DeliveryStateKind.Released or DeliveryStateKind.None;

        static bool SameDisposition(Delivery a, Delivery b) =>
            b.DeliveryId == unchecked(a.DeliveryId + 1) && a.IsIncoming == b.IsIncoming && a.Link == b.Link
            && a.LocallySettled == b.LocallySettled && a.LocalState.Kind == b.LocalState.Kind && IsSimple(b.LocalState);
    }

    private void RenderTransfersLocked(OutputBatch batch)
    {
        int count = _readyLinks.Count;
        if (count == 0)
        {
            return;
        }

        int start = _readyCursor % count;
        for (int n = 0; n < count && batch.Length < MaxBatchBytes; n++)
        {
            var link = _readyLinks[(start + n) % count];
            while (batch.Length < MaxBatchBytes && link.Head is { } d)
            {
                if (!RenderDeliveryLocked(link, d, batch))
                {
                    break;
                }
            }

            if (link.Drain && link.Head is null && link.LinkCredit > 0)
            {
                // transport.xml 2.6.7: nothing left to send, so consume the remaining credit and tell the receiver.
                link.DeliveryCountValue = unchecked(link.DeliveryCountValue + link.LinkCredit);
                link.LinkCredit = 0;
                link.SetCreditGauge();
                WriteLinkFlowLocked(batch, link);
            }
        }

        _readyCursor = start + 1;
        for (int i = _readyLinks.Count - 1; i >= 0; i--)
        {
            var link = _readyLinks[i];
            if (link.Head is null || link.IsDetached || (link.LinkCredit == 0 && !link.Head.FirstFrameSent))
            {
                link.IsReady = false;
                _readyLinks.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Writes as many frames of <paramref name="d"/> as credit, the peer's session window and the arrived content
    /// allow. Returns true when the delivery is finished (the next one may start), false when it must wait.
    /// </summary>
    private bool RenderDeliveryLocked(AmqpOutgoingLink link, Delivery d, OutputBatch batch)
    {
        var session = link.Session;
        var message = d.Message!;
        if (!d.FirstFrameSent)
        {
            if (message.IsAborted)
            {
                FinishOutgoingLocked(link, d, settled: true);
                return true;
            }

            if (link.LinkCredit == 0 || session.RemoteIncomingWindow == 0 || (message.Length == 0 && !message.IsFinished))
            {
                return false;
            }

            d.DeliveryId = session.NextDeliveryId++;
            d.Tag = DeliveryTag.FromUInt64(_nextTag++);
            link.LinkCredit--;
            link.DeliveryCountValue++;
            link.SetCreditGauge();
            bool presettled = d.Presettled || d.LocallySettled || link.SndSettleMode == SenderSettleMode.Settled;
            if (!presettled)
            {
                d.AddRef();
                session.OutgoingUnsettled[d.DeliveryId] = d;
                Interlocked.Increment(ref link.UnsettledCount);
            }
            else if (!d.Presettled && !d.LocallySettled && d.Peer is { } peer)
            {
                // The receiver asked for pre-settled deliveries: settling at send is its acceptance.
                ActionList.Current.PeerUpdate(peer, DeliveryState.Accepted, settled: true);
                d.LocallySettled = true;
            }

            d.Presettled = presettled;
        }

        while (true)
        {
            if (session.RemoteIncomingWindow == 0)
            {
                return false;
            }

            bool aborted = message.IsAborted;
            bool complete = message.IsComplete;
            long length = message.Length;
            long available = length - d.Sent;
            if (aborted)
            {
                _transferOut.Reset();
                _transferOut.Handle = link.LocalHandle;
                _transferOut.Aborted = true;
                FrameWriter.Write(batch, FrameHeader.TypeAmqp, session.LocalChannel, _transferOut);
                session.NextOutgoingId++;
                session.RemoteIncomingWindow--;
                if (session.OutgoingUnsettled.Remove(d.DeliveryId))
                {
                    Interlocked.Decrement(ref link.UnsettledCount);
                    d.Release();
                }

                FinishOutgoingLocked(link, d, settled: true);
                return true;
            }

            if (available == 0 && (!complete || d.FirstFrameSent))
            {
                if (complete && d.FirstFrameSent && !d.LastFrameSent)
                {
                    // All bytes went out with more=true before the producer finished: close with an empty frame.
                    WriteTransferFrameLocked(link, d, batch, 0, more: false);
                    FinishOutgoingLocked(link, d, settled: d.Presettled);
                    return true;
                }

                return false;
            }

            int overhead = FrameHeader.Length + (d.FirstFrameSent ? 32 : 64);
            int maxPayload = (int)Math.Min(int.MaxValue - 1024, _remoteMaxFrameSize) - overhead;
            int chunk = (int)Math.Min(available, maxPayload);
            bool more = !(complete && d.Sent + chunk == length);
            WriteTransferFrameLocked(link, d, batch, chunk, more);
            if (!more)
            {
                FinishOutgoingLocked(link, d, settled: d.Presettled);
                return true;
            }

            if (batch.Length >= MaxBatchBytes)
            {
                return false;
            }
        }
    }

    private void WriteTransferFrameLocked(AmqpOutgoingLink link, Delivery d, OutputBatch batch, int chunk, bool more)
    {
        var session = link.Session;
        _transferOut.Reset();
        _transferOut.Handle = link.LocalHandle;
        if (!d.FirstFrameSent)
        {
            _transferOut.DeliveryId = d.DeliveryId;
            _transferOut.DeliveryTag = d.Tag;
            _transferOut.MessageFormat = 0;
            _transferOut.Settled = d.Presettled;
        }

        _transferOut.More = more;
        FrameWriter.WriteHeaderAndPerformative(batch, FrameHeader.TypeAmqp, session.LocalChannel, _transferOut, chunk);
        AddPayloadLocked(d, chunk, batch);
        d.Sent += chunk;
        d.FirstFrameSent = true;
        session.NextOutgoingId++;
        session.RemoteIncomingWindow--;
    }

    /// <summary>Adds <paramref name="count"/> payload bytes from the delivery's cursor, moving it across blocks.</summary>
    private static void AddPayloadLocked(Delivery d, int count, OutputBatch batch)
    {
        var block = d.CursorBlock ?? d.Message!.FirstBlock;
        while (count > 0)
        {
            int available = block!.Length - d.CursorOffset;
            if (available == 0)
            {
                // Only move on once the successor exists; the length is final then (re-read it first).
                var next = block.Next;
                if (next is null || block.Length > d.CursorOffset)
                {
                    continue;
                }

                block.Release(); // this cursor's reference; the batch pins what it sends
                block = next;
                d.CursorOffset = 0;
                continue;
            }

            int n = Math.Min(available, count);
            batch.AddPayload(block, d.CursorOffset, n);
            d.CursorOffset += n;
            count -= n;
        }

        d.CursorBlock = block;
    }

    /// <summary>The last frame is written (or the delivery is dropped): take it off the link's queue.</summary>
    private void FinishOutgoingLocked(AmqpOutgoingLink link, Delivery d, bool settled)
    {
        link.Dequeue();
        Interlocked.Decrement(ref link.UndeliveredCount);
        Interlocked.Increment(ref link.DeliveryCount); // C: total_deliveries++ once the delivery is completely sent
        d.LastFrameSent = true;
        d.ReleaseContent();
        if (settled && d.Presettled)
        {
            link.CountOutcome(d, DeliveryStateKind.None);
        }

        d.Release(); // the queue's reference
        if (_log.IsEnabled(LogLevel.Trace))
        {
            Log.FrameSent(_protocolLog, Identity, link.Session.LocalChannel, "delivery complete");
        }
    }
}
