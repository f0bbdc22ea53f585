using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Client;

/// <summary>A request sent on a sender link, waiting for the peer to settle it.</summary>
internal sealed class OutgoingDelivery
{
    public OutgoingDelivery(byte[] payload) => PendingPayload = payload;

    /// <summary>Assigned when the transfer is written (it waits for credit until then).</summary>
    public uint? DeliveryId { get; set; }

    public bool RemoteSettled { get; set; }

    public DeliveryState RemoteState { get; set; }

    /// <summary>Waiting for link credit; written when the peer grants some.</summary>
    public byte[]? PendingPayload { get; set; }
}
