namespace Skrouterd.Bench;

/// <summary>Settings of one <see cref="AmqpPeer"/>. Immutable.</summary>
public sealed record PeerOptions
{
    public PeerRole Role { get; init; }

    /// <summary>Target (sender) or source (receiver) address of the link.</summary>
    public string Address { get; init; } = "bench";

    public string ContainerId { get; init; } = "skrouterd-bench";

    /// <summary>The peer waits for the other side's header, open, begin and attach and answers them (a listening receiver).</summary>
    public bool Passive { get; init; }

    /// <summary>Sender: send pre-settled deliveries (else unsettled, settled by the receiver's disposition).</summary>
    public bool Presettled { get; init; }

    /// <summary>Receiver: link credit kept open, topped up after every read batch (default 250, the router's linkCapacity).</summary>
    public uint Credit { get; init; } = 250;

    /// <summary>Sender, unsettled: at most this many deliveries sent and not yet settled.</summary>
    public int Window { get; init; } = 1000;

    /// <summary>Sender: bytes of the data section of each message.</summary>
    public int BodySize { get; init; } = 1024;

    /// <summary>max-frame-size we advertise.</summary>
    public uint MaxFrameSize { get; init; } = 64 * 1024;

    /// <summary>Session incoming-window we advertise, in frames.</summary>
    public uint IncomingWindow { get; init; } = 1 << 20;
}
