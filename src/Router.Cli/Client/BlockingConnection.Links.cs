using System.Globalization;
using System.Text;
using Skrouterd.Amqp.Framing;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Client;

internal sealed partial class BlockingConnection
{
    private const uint Window = 2147483647;

    /// <summary>Attaches a sender to <paramref name="address"/>, named <c>&lt;container-id&gt;-&lt;address&gt;</c> as proton names it.</summary>
    public async Task<ClientLink> CreateSenderAsync(string address)
    {
        var link = NewLink($"{ContainerId}-{address}", LinkRole.Sender, address);
        Write(new ProtonAttach(link.Name, link.Handle, LinkRole.Sender, new ProtonTerminus(true, null, false), new ProtonTerminus(false, address, false)));
        await WaitAsync(() => link.RemoteAttach is not null || link.RemoteClosed, $"Opening link {link.Name}").ConfigureAwait(false);
        CheckClosed(link);
        if (link.RemoteTargetAddress != address)
        {
            // The peer refused the target; it may follow with a detach carrying the reason (proton waits a second).
            try
            {
                await WaitAsync(() => link.RemoteClosed, $"Opening link {link.Name}", Deadline.After(_settings.Time, TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            }
            catch (PyException e) when (e.ClassName == "Timeout")
            {
            }

            CheckClosed(link);
            CloseLink(link);
            throw PyErrors.LinkException($"Failed to open sender {link.Name}, target does not match");
        }

        return link;
    }

    /// <summary>Attaches a receiver with a dynamic source and grants it one credit; its address is the peer's source address.</summary>
    public async Task<ClientLink> CreateDynamicReceiverAsync(Action<Amqp.Messaging.AmqpMessage> onMessage)
    {
        var link = NewLink($"{ContainerId}-{Guid.NewGuid():D}", LinkRole.Receiver, null);
        link.OnMessage = onMessage;
        Write(new ProtonAttach(link.Name, link.Handle, LinkRole.Receiver, new ProtonTerminus(true, null, true), new ProtonTerminus(false, null, false)));
        await WaitAsync(() => link.RemoteAttach is not null || link.RemoteClosed, $"Opening link {link.Name}").ConfigureAwait(false);
        CheckClosed(link);
        GrantCredit(link, 1);
        return link;
    }

    /// <summary>Adds credit to a receiver (proton's <c>receiver.flow(n)</c>); the flow goes out with the next write.</summary>
    public void GrantCredit(ClientLink link, uint credit)
    {
        link.Credit += credit;
        Write(new ProtonFlow
        {
            NextIncomingId = _nextIncomingId,
            IncomingWindow = Window,
            NextOutgoingId = _nextOutgoingId,
            OutgoingWindow = Window,
            Handle = link.Handle,
            DeliveryCount = link.DeliveryCount,
            LinkCredit = link.Credit,
        });
    }

    /// <summary>
    /// proton's <c>BlockingSender.send</c>: sends (once there is credit), waits until the peer settles the delivery,
    /// and raises SendException when the outcome is rejected or released.
    /// </summary>
    public async Task SendAsync(ClientLink link, byte[] message)
    {
        var delivery = new OutgoingDelivery(message);
        link.Blocked.Enqueue(delivery);
        WriteBlocked(link);
        await WaitAsync(() => delivery.RemoteSettled, $"Sending on sender {link.Name}").ConfigureAwait(false);
        var kind = delivery.RemoteState.Kind;
        if (kind == DeliveryStateKind.Rejected)
        {
            throw PyErrors.SendException("REJECTED");
        }

        if (kind == DeliveryStateKind.Released)
        {
            throw PyErrors.SendException("RELEASED");
        }
    }

    private ClientLink NewLink(string name, LinkRole role, string? address)
    {
        if (!_sessionBegun)
        {
            _sessionBegun = true;
            Write(new Begin { NextOutgoingId = 0, IncomingWindow = Window, OutgoingWindow = Window });
        }

        var link = new ClientLink(name, _nextHandle++, role, address);
        _links[link.Handle] = link;
        return link;
    }

    private void CheckClosed(ClientLink link)
    {
        if (link.RemoteClosed && !_closing)
        {
            throw LinkDetached(link);
        }
    }

    private void CloseLink(ClientLink link)
    {
        if (!link.LocalClosed)
        {
            link.LocalClosed = true;
            Write(new Detach { Handle = link.Handle, Closed = true });
        }
    }

    /// <summary>Writes queued deliveries while the link has credit.</summary>
    private void WriteBlocked(ClientLink link)
    {
        while (link.Credit > 0 && link.Blocked.Count > 0)
        {
            var delivery = link.Blocked.Dequeue();
            uint id = _nextOutgoingId++;
            delivery.DeliveryId = id;
            _unsettled[id] = delivery;
            WriteTransfer(link, id, delivery.PendingPayload!);
            link.DeliveryCount = unchecked(link.DeliveryCount + 1);
            link.Credit--;
            delivery.PendingPayload = null;
        }
    }

    private void WriteTransfer(ClientLink link, uint deliveryId, byte[] payload)
    {
        byte[] tag = Encoding.ASCII.GetBytes((link.NextTag++).ToString(CultureInfo.InvariantCulture));
        var transfer = new Transfer
        {
            Handle = link.Handle,
            DeliveryId = deliveryId,
            DeliveryTag = DeliveryTag.FromSpan(tag),
            MessageFormat = 0,
        };
        long max = RemoteMaxFrameSize;
        transfer.More = true;
        long room = max - FrameHeader.Length - FrameWriter.Measure(transfer);
        transfer.More = false;
        if (room <= 0 || payload.Length <= room)
        {
            Write(transfer, payload);
            return;
        }

        int offset = 0;
        while (offset < payload.Length)
        {
            int n = (int)Math.Min(room, payload.Length - offset);
            transfer.More = offset + n < payload.Length;
            Write(transfer, payload.AsSpan(offset, n));
            offset += n;
        }
    }
}
