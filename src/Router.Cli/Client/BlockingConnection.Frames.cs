using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Client;

internal sealed partial class BlockingConnection
{
    /// <summary>Largest reply accepted (a QUERY page of 500 rows is well under 1 MiB).</summary>
    private const long MaxMessageSize = 256L * 1024 * 1024;

    private void ProcessPerformative(DescribedList performative, ReadOnlySequence<byte> payload)
    {
        switch (performative)
        {
            case Open open:
                _remoteOpen = open;
                break;
            case Begin:
                // Our only session; its windows never limit a request/response exchange.
                break;
            case Attach attach:
                OnAttach(attach);
                break;
            case Flow flow:
                OnFlow(flow);
                break;
            case Transfer transfer:
                OnTransfer(transfer, payload);
                break;
            case Disposition disposition:
                OnDisposition(disposition);
                break;
            case Detach detach:
                OnDetach(detach);
                break;
            case End:
                // proton's blocking client has no handler for a remote end; waits then time out.
                break;
            case Close close:
                OnClose(close);
                break;
        }
    }

    private void OnAttach(Attach attach)
    {
        foreach (var link in _links.Values)
        {
            if (link.Name == attach.Name && link.Role != attach.Role)
            {
                link.RemoteAttach = attach;
                _linksByRemoteHandle[attach.Handle] = link;
                return;
            }
        }
    }

    private void OnFlow(Flow flow)
    {
        if (flow.Handle is not uint handle || !_linksByRemoteHandle.TryGetValue(handle, out var link))
        {
            return;
        }

        if (link.Role == LinkRole.Sender)
        {
            uint receiverCount = flow.DeliveryCount ?? 0;
            uint linkCredit = flow.LinkCredit ?? 0;
            link.Credit = unchecked(receiverCount + linkCredit - link.DeliveryCount);
            WriteBlocked(link);
        }
    }

    private void OnTransfer(Transfer transfer, ReadOnlySequence<byte> payload)
    {
        if (!_linksByRemoteHandle.TryGetValue(transfer.Handle, out var link) || link.Role != LinkRole.Receiver)
        {
            return;
        }

        if (link.AssemblingId is null)
        {
            if (transfer.DeliveryId is not uint id)
            {
                return;
            }

            link.AssemblingId = id;
            link.AssemblingSettled = transfer.Settled == true;
            link.Assembly.SetLength(0);
            _nextIncomingId = unchecked(id + 1);
        }

        if (transfer.Settled == true)
        {
            link.AssemblingSettled = true;
        }

        if (link.Assembly.Length + payload.Length > MaxMessageSize)
        {
            _disconnected = ProtonCondition.Repr(AmqpErrors.FramingError, "message exceeds the client's size limit");
            return;
        }

        foreach (var segment in payload)
        {
            link.Assembly.Write(segment.Span);
        }

        if (transfer.More && !transfer.Aborted)
        {
            return;
        }

        uint deliveryId = link.AssemblingId.Value;
        bool settled = link.AssemblingSettled;
        link.AssemblingId = null;
        link.DeliveryCount = unchecked(link.DeliveryCount + 1);
        link.Credit = link.Credit > 0 ? link.Credit - 1 : 0;
        if (transfer.Aborted)
        {
            return;
        }

        if (!settled)
        {
            // proton's IncomingMessageHandler accepts and settles what it receives.
            Write(new Disposition { Role = LinkRole.Receiver, First = deliveryId, Settled = true, State = DeliveryState.Accepted });
        }

        AmqpMessage message;
        try
        {
            message = AmqpMessage.Decode(link.Assembly.GetBuffer().AsSpan(0, (int)link.Assembly.Length));
        }
        catch (AmqpDecodeException e)
        {
            throw new PyException("DataException", e.Message);
        }

        link.OnMessage?.Invoke(message);
    }

    private void OnDisposition(Disposition disposition)
    {
        if (disposition.Role != LinkRole.Receiver)
        {
            return;
        }

        uint last = disposition.Last ?? disposition.First;
        for (uint id = disposition.First; ; id++)
        {
            if (_unsettled.TryGetValue(id, out var delivery))
            {
                if (!disposition.State.IsNone)
                {
                    delivery.RemoteState = disposition.State;
                }

                if (disposition.Settled)
                {
                    delivery.RemoteSettled = true;
                    _unsettled.Remove(id);
                }
            }

            if (id == last)
            {
                break;
            }
        }
    }

    private void OnDetach(Detach detach)
    {
        if (!_linksByRemoteHandle.TryGetValue(detach.Handle, out var link))
        {
            return;
        }

        link.RemoteClosed = true;
        link.RemoteError = detach.Error;
        _linksByRemoteHandle.Remove(detach.Handle);
        if (!link.LocalClosed)
        {
            link.LocalClosed = true;
            Write(new Detach { Handle = link.Handle, Closed = true });
            if (!_closing)
            {
                throw LinkDetached(link);
            }
        }
    }

    private void OnClose(Close close)
    {
        _remoteClosed = true;
        if (!_localClosed)
        {
            _localClosed = true;
            Write(new Close());
            if (!_closing)
            {
                string text = $"Connection {_settings.Url.Host} closed";
                text += close.Error is { } e ? " due to: " + ProtonCondition.Repr(e) : " by peer";
                throw PyErrors.ConnectionClosed(text);
            }
        }
    }

    /// <summary>proton's LinkDetached text: "sender N to A closed due to: Condition(...)" / "receiver N from A closed by peer".</summary>
    private static PyException LinkDetached(ClientLink link)
    {
        string text = link.Role == LinkRole.Sender
            ? $"sender {link.Name} to {link.Address ?? "None"} closed"
            : $"receiver {link.Name} from {link.Address ?? "None"} closed";
        text += link.RemoteError is { } e ? " due to: " + ProtonCondition.Repr(e) : " by peer";
        return PyErrors.LinkDetached(text);
    }
}
