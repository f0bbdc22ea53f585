using System.Diagnostics;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Bench;

/// <summary>The sending side: transfers within credit, session window and the unsettled window; settlement.</summary>
public sealed partial class AmqpPeer
{
    private const int SendTimesSize = 1 << 16;
    private const int MaxWriteBytes = 64 * 1024;

    private readonly long[] _sendTimes;
    private long _requested;
    private long _sent;
    private int _inFlight;
    private uint _nextDeliveryId;
    private volatile bool _stopSending;

    /// <summary>Sender: deliveries written so far.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Sender: send → settlement time of unsettled deliveries (written by the loop; read once it is idle).</summary>
    public LatencyHistogram SettleLatency { get; } = new();

    /// <summary>Sender: outcomes the receiver settled with.</summary>
    public long Accepted { get; private set; }

    public long Released { get; private set; }

    public long Rejected { get; private set; }

    public long Modified { get; private set; }

    /// <summary>Sender: asks for <paramref name="count"/> more messages (any thread).</summary>
    public void Send(long count)
    {
        Interlocked.Add(ref _requested, count);
        Kick();
    }

    /// <summary>Sender: sends nothing more (deliveries in flight still settle).</summary>
    public void StopSending()
    {
        _stopSending = true;
        Kick();
    }

    /// <summary>Writes transfers while allowed; returns true when it stopped only because the write batch is full.</summary>
    private bool PumpTransfers()
    {
        var template = Template!;
        if (template.FrameLength > _remoteMaxFrameSize)
        {
            throw new InvalidDataException($"a {template.FrameLength}-byte transfer exceeds the peer's max-frame-size {_remoteMaxFrameSize}");
        }

        bool presettled = Options.Presettled;
        int window = Math.Min(Options.Window, SendTimesSize / 2);
        long requested = Volatile.Read(ref _requested);
        int written = 0;
        long finished = 0;
        while (!_stopSending && _sent < requested && _credit > 0 && _remoteIncomingWindow > 0 && (presettled || _inFlight < window))
        {
            if (written >= MaxWriteBytes)
            {
                Progress.Add(finished);
                return true;
            }

            long now = Stopwatch.GetTimestamp();
            uint id = _nextDeliveryId;
            template.Write(_output.GetSpan(template.FrameLength), id, (ulong)_sent, now);
            _output.Advance(template.FrameLength);
            written += template.FrameLength;
            if (presettled)
            {
                finished++;
            }
            else
            {
                _sendTimes[id & (SendTimesSize - 1)] = now;
                _inFlight++;
            }

            _nextDeliveryId++;
            _deliveryCount++;
            _credit--;
            _nextOutgoingId++;
            _remoteIncomingWindow--;
            Volatile.Write(ref _sent, _sent + 1);
        }

        if (written > 0)
        {
            _written = true;
        }

        Progress.Add(finished);
        return false;
    }

    /// <summary>The receiver settled deliveries we sent (a range, transport.xml 2.7.6).</summary>
    private void OnDisposition(Disposition disposition)
    {
        if (disposition.Role != LinkRole.Receiver || !disposition.Settled || Options.Role != PeerRole.Sender)
        {
            return;
        }

        uint first = disposition.First;
        uint last = disposition.Last ?? first;
        long now = Stopwatch.GetTimestamp();
        long count = 0;
        for (uint id = first; ; id++)
        {
            SettleLatency.Record(ToNanoseconds(now - _sendTimes[id & (SendTimesSize - 1)]));
            count++;
            if (id == last)
            {
                break;
            }
        }

        switch (disposition.State.Kind)
        {
            case DeliveryStateKind.Accepted:
                Accepted += count;
                break;
            case DeliveryStateKind.Released:
                Released += count;
                break;
            case DeliveryStateKind.Rejected:
                Rejected += count;
                break;
            case DeliveryStateKind.Modified:
                Modified += count;
                break;
        }

        _inFlight -= (int)count;
        Progress.Add(count);
    }

    private static long ToNanoseconds(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
}
