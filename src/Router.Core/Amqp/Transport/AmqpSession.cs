using Skrouterd.Buffers;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// One AMQP session (transport.xml 2.5.5): channel numbers, transfer windows, handle maps, the unsettled maps of both
/// directions, and the byte budget of content received on it. Guarded by the connection's lock.
/// </summary>
internal sealed class AmqpSession
{
    public AmqpSession(ushort localChannel, uint incomingWindow, BufferBudget budget)
    {
        LocalChannel = localChannel;
        IncomingWindowSize = incomingWindow;
        IncomingWindow = incomingWindow;
        Budget = budget;
    }

    public ushort LocalChannel { get; }

    public ushort RemoteChannel { get; set; }

    public bool BeginSent { get; set; }

    public bool BeginReceived { get; set; }

    public bool EndSent { get; set; }

    public bool EndReceived { get; set; }

    // ---- incoming transfers ------------------------------------------------------------------------------------

    /// <summary>The window we advertise (frames).</summary>
    public uint IncomingWindowSize { get; }

    /// <summary>Frames the peer may still send before we open the window again.</summary>
    public uint IncomingWindow { get; set; }

    public uint NextIncomingId { get; set; }

    public uint RemoteOutgoingWindow { get; set; }

    /// <summary>A session flow (window update) is waiting to be written.</summary>
    public bool FlowPending { get; set; }

    public BufferBudget Budget { get; }

    // ---- outgoing transfers ------------------------------------------------------------------------------------

    public uint NextOutgoingId { get; set; }

    public uint RemoteIncomingWindow { get; set; }

    public uint NextDeliveryId { get; set; }

    public uint RemoteHandleMax { get; set; } = uint.MaxValue;

    // ---- links ---------------------------------------------------------------------------------------------------

    public Dictionary<uint, AmqpLink> LinksByRemoteHandle { get; } = [];

    public Dictionary<uint, AmqpLink> LinksByLocalHandle { get; } = [];

    public Dictionary<string, AmqpLink> LinksByName { get; } = [];

    /// <summary>Peer's deliveries we have not settled or that the peer has not settled (keyed by its delivery-id).</summary>
    public Dictionary<uint, Delivery> IncomingUnsettled { get; } = [];

    /// <summary>Our deliveries not yet settled by both sides (keyed by our delivery-id).</summary>
    public Dictionary<uint, Delivery> OutgoingUnsettled { get; } = [];

    /// <summary>Deliveries whose disposition we must write (in order).</summary>
    public List<Delivery> PendingDispositions { get; } = [];

    public uint AllocateHandle()
    {
        uint h = 0;
        while (LinksByLocalHandle.ContainsKey(h))
        {
            h++;
        }

        return h;
    }
}
