using Skrouterd.Amqp.Framing;
using Skrouterd.Buffers;

namespace Skrouterd.Routing;

/// <summary>
/// One delivery on one link: either incoming (a producer sent it to us) or outgoing (we forward a copy to a consumer).
/// Incoming and outgoing deliveries of one message are peers: dispositions and settlement travel between them.
/// <para>
/// Ownership: fields describing the link-side protocol state are guarded by the lock of the connection that owns
/// <see cref="Link"/>. Cross-connection effects are never applied under a foreign lock; they are queued as
/// <see cref="CoreAction"/>s and run after the owner's lock is released. Lifetime is reference counted: the link holds a
/// reference while the delivery is in flight or unsettled, each peer holds one on the other, each queued action holds
/// one. The last release returns the object to its pool and lets go of the message.
/// </para>
/// </summary>
internal sealed class Delivery
{
    private static readonly ObjectPool<Delivery> s_pool = new(() => new Delivery(), 8192);

    private int _refs;

    private Delivery() { }

    public Message? Message { get; private set; }

    public RouterLink? Link { get; private set; }

    public bool IsIncoming { get; private set; }

    /// <summary>For an outgoing delivery: its incoming peer. For an incoming anycast delivery: its one outgoing peer.</summary>
    public Delivery? Peer { get; set; }

    /// <summary>For an incoming multicast delivery: its outgoing peers.</summary>
    public Delivery[]? Peers { get; set; }

    public int PeerCount { get; set; }

    /// <summary>Incoming multicast: number of outgoing peers that reached a terminal state, and the strongest outcome.</summary>
    public int TerminalPeers { get; set; }

    public DeliveryStateKind MulticastOutcome { get; set; }

    public bool IsMulticast { get; set; }

    // ---- AMQP delivery state (guarded by the owning connection) -----------------------------------------------

    public uint DeliveryId { get; set; }

    public DeliveryTag Tag { get; set; }

    /// <summary>Settled as the sending side first transferred it.</summary>
    public bool Presettled { get; set; }

    /// <summary>We have settled it towards the remote peer of <see cref="Link"/>.</summary>
    public bool LocallySettled { get; set; }

    /// <summary>The remote peer of <see cref="Link"/> has settled it.</summary>
    public bool RemotelySettled { get; set; }

    /// <summary>State we have set (and send) on this delivery.</summary>
    public DeliveryState LocalState { get; set; }

    /// <summary>State the remote peer has set on this delivery.</summary>
    public DeliveryState RemoteState { get; set; }

    /// <summary>A disposition frame for this delivery is waiting to be written.</summary>
    public bool DispositionPending { get; set; }

    // ---- outgoing: transfer progress ------------------------------------------------------------------------

    public ContentBlock? CursorBlock { get; set; }

    public int CursorOffset { get; set; }

    /// <summary>Payload bytes already written out.</summary>
    public long Sent { get; set; }

    public bool FirstFrameSent { get; set; }

    public bool LastFrameSent { get; set; }

    /// <summary>Outgoing: the consumer side no longer reads content (sent completely, aborted or dropped).</summary>
    public bool ContentReleased { get; set; }

    /// <summary>Incoming: the last transfer frame has arrived (or it was aborted).</summary>
    public bool ReceiveComplete { get; set; }

    /// <summary>Intrusive link for the owning link's queues.</summary>
    public Delivery? NextInQueue { get; set; }

    public long IngressTicks { get; set; }

    /// <summary>Incoming: resolved destination address (anonymous links resolve it from the message).</summary>
    public Address? Address { get; set; }

    /// <summary>Incoming: routing has been done (or found impossible).</summary>
    public bool Routed { get; set; }

    /// <summary>The in-process endpoint's object for this delivery (e.g. a TCP flow); cleared on release.</summary>
    public object? Context { get; set; }

    public static Delivery RentIncoming(RouterLink link, Message message)
    {
        var d = s_pool.Rent();
        d._refs = 1;
        d.Link = link;
        d.Message = message;
        d.IsIncoming = true;
        return d;
    }

    public static Delivery RentOutgoing(RouterLink link, Message message, Delivery? inPeer, bool presettled)
    {
        var d = s_pool.Rent();
        d._refs = 1;
        d.Link = link;
        d.Message = message;
        message.AddRef();
        d.IsIncoming = false;
        d.Presettled = presettled;
        if (inPeer is not null && !presettled)
        {
            d.Peer = inPeer;
            inPeer.AddRef();
        }

        return d;
    }

    public void AddRef() => Interlocked.Increment(ref _refs);

    public void Release()
    {
        int refs = Interlocked.Decrement(ref _refs);
        if (refs == 0)
        {
            Reset();
            s_pool.Return(this);
        }
        else if (refs < 0)
        {
            throw new InvalidOperationException("delivery released more often than referenced");
        }
    }

    /// <summary>Wakes the owning link's connection (new content for an outgoing delivery).</summary>
    public void WakeLink() => Link?.Wake(this);

    /// <summary>Outgoing: stop reading the message, releasing the blocks this cursor still references.</summary>
    public void ReleaseContent()
    {
        if (!ContentReleased && Message is not null)
        {
            ContentReleased = true;
            Message.RemoveConsumer(this, CursorBlock);
            CursorBlock = null;
        }
    }

    /// <summary>Drops the peer references (called when no further state can travel between the peers).</summary>
    public void UnlinkPeers()
    {
        var peer = Peer;
        Peer = null;
        peer?.Release();
        var peers = Peers;
        if (peers is not null)
        {
            for (int i = 0; i < PeerCount; i++)
            {
                var p = peers[i];
                peers[i] = null!;
                p?.Release();
            }

            PeerCount = 0;
        }
    }

    private void Reset()
    {
        if (!IsIncoming)
        {
            ReleaseContent();
        }

        UnlinkPeers();
        if (Peers is not null)
        {
            System.Buffers.ArrayPool<Delivery>.Shared.Return(Peers, clearArray: true);
            Peers = null;
        }

        Message?.Release();
        Message = null;
        Link = null;
        IsMulticast = false;
        TerminalPeers = 0;
        MulticastOutcome = DeliveryStateKind.None;
        DeliveryId = 0;
        Tag = default;
        Presettled = false;
        LocallySettled = false;
        RemotelySettled = false;
        LocalState = default;
        RemoteState = default;
        DispositionPending = false;
        CursorBlock = null;
        CursorOffset = 0;
        Sent = 0;
        FirstFrameSent = false;
        LastFrameSent = false;
        ContentReleased = false;
        ReceiveComplete = false;
        NextInQueue = null;
        IngressTicks = 0;
        Address = null;
        Routed = false;
        Context = null;
    }
}
