using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;

namespace Skrouterd.Cli.Client;

/// <summary>
/// One end of a link the tool opened: a sender to the management node or a receiver with a dynamic source. Tracks
/// the peer's attach, credit and delivery counts as proton's link does.
/// </summary>
internal sealed class ClientLink
{
    public ClientLink(string name, uint handle, LinkRole role, string? address)
    {
        Name = name;
        Handle = handle;
        Role = role;
        Address = address;
    }

    public string Name { get; }

    public uint Handle { get; }

    public LinkRole Role { get; }

    /// <summary>Our terminus address: the target of a sender, the source of a receiver (null for dynamic).</summary>
    public string? Address { get; }

    public Attach? RemoteAttach { get; set; }

    public bool RemoteClosed { get; set; }

    public AmqpError? RemoteError { get; set; }

    public bool LocalClosed { get; set; }

    public uint DeliveryCount { get; set; }

    public uint Credit { get; set; }

    public uint NextTag { get; set; } = 1;

    public Queue<OutgoingDelivery> Blocked { get; } = new();

    public Action<AmqpMessage>? OnMessage { get; set; }

    /// <summary>Delivery id of the transfer being assembled, if a multi-frame delivery is in progress.</summary>
    public uint? AssemblingId { get; set; }

    public bool AssemblingSettled { get; set; }

    public MemoryStream Assembly { get; } = new();

    public string? RemoteSourceAddress => (RemoteAttach?.Source as Source)?.Address ?? RemoteAttach?.Source?.Address;

    public string? RemoteTargetAddress => RemoteAttach?.Target?.Address;
}
