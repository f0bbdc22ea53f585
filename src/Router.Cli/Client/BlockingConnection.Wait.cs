using System.Buffers;
using Skrouterd.Amqp.Framing;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Client;

internal sealed partial class BlockingConnection
{
    private bool _expectAmqpHeader;
    private bool _expectSaslHeader;
    private bool _gotAmqpHeader;

    private bool IsClosed => _localClosed || _remoteClosed;

    /// <summary>Waits with the connection's timeout (proton's <c>BlockingConnection.wait</c>).</summary>
    public Task WaitAsync(Func<bool> condition, string what) =>
        WaitAsync(condition, what, Deadline.After(_settings.Time, _settings.Timeout));

    private async Task WaitAsync(Func<bool> condition, string what, Deadline deadline)
    {
        await FlushAsync().ConfigureAwait(false);
        while (!condition() && _disconnected is null)
        {
            if (_receiver.Items.TryRead(out var item))
            {
                Process(item);
                await FlushAsync().ConfigureAwait(false);
                continue;
            }

            if (deadline.Expired)
            {
                throw PyErrors.Timeout($"Connection {Url} timed out: {what}");
            }

            var wait = deadline.Remaining;
            var heartbeat = HeartbeatInterval();
            if (heartbeat is TimeSpan interval)
            {
                var sinceWrite = _settings.Time.GetElapsedTime(_lastWriteTicks);
                var due = interval - sinceWrite;
                if (due <= TimeSpan.Zero)
                {
                    _output.Write(FrameWriter.EmptyFrame);
                    await FlushAsync().ConfigureAwait(false);
                    continue;
                }

                if (wait == Timeout.InfiniteTimeSpan || due < wait)
                {
                    wait = due;
                }
            }

            using var cts = wait == Timeout.InfiniteTimeSpan
                ? new CancellationTokenSource()
                : new CancellationTokenSource(wait, _settings.Time);
            try
            {
                if (!await _receiver.Items.WaitToReadAsync(cts.Token).ConfigureAwait(false))
                {
                    _disconnected = "Condition('amqp:connection:framing-error', 'connection aborted')";
                }
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                // Deadline or heartbeat: the loop decides which.
            }
            catch (TransportClosedException e)
            {
                _disconnected = e.Condition;
            }
        }

        if (_disconnected is not null && !IsClosed)
        {
            throw Disconnected(_disconnected);
        }
    }

    /// <summary>Half the peer's idle-time-out: how often we must send something to keep the connection.</summary>
    private TimeSpan? HeartbeatInterval()
    {
        uint idle = _remoteOpen?.IdleTimeOut ?? 0;
        return idle == 0 ? null : TimeSpan.FromMilliseconds(idle / 2.0);
    }

    private async Task FlushAsync()
    {
        if (_output.WrittenCount == 0)
        {
            return;
        }

        try
        {
            await _stream.WriteAsync(_output.WrittenMemory).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            _disconnected ??= ProtonCondition.Repr("proton.pythonio", e.Message);
        }
        catch (ObjectDisposedException)
        {
            _disconnected ??= "Condition('proton.pythonio', 'connection closed')";
        }

        _output.ResetWrittenCount();
        _lastWriteTicks = _settings.Time.GetTimestamp();
    }

    /// <summary>Queues an AMQP frame on channel 0; it goes out at the next wait.</summary>
    private void Write(DescribedList performative, ReadOnlySpan<byte> payload = default) =>
        FrameWriter.Write(_output, FrameHeader.TypeAmqp, 0, performative, payload);

    private void WriteSasl(DescribedList performative) =>
        FrameWriter.Write(_output, FrameHeader.TypeSasl, 0, performative);

    private void Process(ReceivedItem item)
    {
        if (item.ProtocolHeader is { } header)
        {
            int id = ProtocolHeader.Classify(header);
            if (id == ProtocolHeader.IdSasl && _expectSaslHeader)
            {
                _expectSaslHeader = false;
                return;
            }

            if (id == ProtocolHeader.IdAmqp && _expectAmqpHeader)
            {
                _expectAmqpHeader = false;
                _gotAmqpHeader = true;
                return;
            }

            _disconnected = ProtonCondition.Repr(
                "amqp:connection:framing-error",
                $"Expected AMQP protocol header, got '{System.Text.Encoding.Latin1.GetString(header)}'");
            return;
        }

        if (item.Frame.Type == FrameHeader.TypeSasl)
        {
            ProcessSasl(item.Body);
            return;
        }

        if (!_gotAmqpHeader)
        {
            _disconnected = ProtonCondition.Repr("amqp:connection:framing-error", "AMQP frame before the AMQP protocol header");
            return;
        }

        if (item.Body.Length == 0)
        {
            return; // heartbeat
        }

        DescribedList performative;
        ReadOnlySequence<byte> payload;
        try
        {
            performative = _performatives.ReadAmqp(new ReadOnlySequence<byte>(item.Body), out payload);
        }
        catch (Amqp.Codec.AmqpDecodeException e)
        {
            _disconnected = ProtonCondition.Repr(e.Condition, e.Message);
            return;
        }

        ProcessPerformative(performative, payload);
    }
}
