using System.Buffers;
using System.Diagnostics;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Bench;

/// <summary>
/// The receiving side: counts complete deliveries, accepts and settles unsettled ones with one disposition per run of
/// consecutive ids, and tops the credit up once per read batch, as Proton's credit window does.
/// </summary>
public sealed partial class AmqpPeer
{
    private readonly Disposition _dispositionOut = new();
    private bool _currentSettled;
    private uint _currentId;
    private bool _dispositionPending;
    private uint _dispositionFirst;
    private uint _dispositionLast;
    private uint _incomingWindow;
    private long _receivedInBatch;

    /// <summary>Receiver: send → receive time of each message (from the timestamp in its trailer).</summary>
    public LatencyHistogram DeliveryLatency { get; } = new();

    private void OnTransfer(Transfer transfer, in ReadOnlySequence<byte> payload)
    {
        if (Options.Role != PeerRole.Receiver)
        {
            throw new InvalidDataException("transfer received on a sending link");
        }

        _nextIncomingId++;
        _incomingWindow--;
        if (transfer.DeliveryId is uint id)
        {
            _currentId = id;
            _currentSettled = transfer.Settled == true;
        }

        if (transfer.More || transfer.Aborted)
        {
            return;
        }

        _deliveryCount++;
        _credit = _credit > 0 ? _credit - 1 : 0;
        _receivedInBatch++;
        if (MessageTemplate.TryReadTimestamp(payload, out long sent))
        {
            DeliveryLatency.Record(ToNanoseconds(Stopwatch.GetTimestamp() - sent));
        }

        if (!_currentSettled)
        {
            if (_dispositionPending && _currentId == _dispositionLast + 1)
            {
                _dispositionLast = _currentId;
            }
            else
            {
                WritePendingDisposition();
                _dispositionPending = true;
                _dispositionFirst = _currentId;
                _dispositionLast = _currentId;
            }
        }
    }

    private void AfterReadBatch()
    {
        WritePendingDisposition();
        if (_receivedInBatch > 0)
        {
            long received = _receivedInBatch;
            _receivedInBatch = 0;
            WriteCreditFlow();
            Progress.Add(received);
        }
    }

    private void WritePendingDisposition()
    {
        if (!_dispositionPending)
        {
            return;
        }

        _dispositionPending = false;
        _dispositionOut.Role = LinkRole.Receiver;
        _dispositionOut.First = _dispositionFirst;
        _dispositionOut.Last = _dispositionLast == _dispositionFirst ? null : _dispositionLast;
        _dispositionOut.Settled = true;
        _dispositionOut.State = DeliveryState.Accepted;
        _dispositionOut.Batchable = false;
        WriteFrame(_dispositionOut);
    }

    /// <summary>Opens the session window and tops the link credit up to <see cref="PeerOptions.Credit"/>.</summary>
    private void WriteCreditFlow()
    {
        _credit = Options.Credit;
        _incomingWindow = Options.IncomingWindow;
        _flowOut.NextIncomingId = _nextIncomingId;
        _flowOut.IncomingWindow = _incomingWindow;
        _flowOut.NextOutgoingId = _nextOutgoingId;
        _flowOut.OutgoingWindow = Options.IncomingWindow;
        _flowOut.Handle = 0;
        _flowOut.DeliveryCount = _deliveryCount;
        _flowOut.LinkCredit = _credit;
        _flowOut.Available = null;
        _flowOut.Drain = false;
        _flowOut.Echo = false;
        _flowOut.Properties = null;
        WriteFrame(_flowOut);
    }
}
