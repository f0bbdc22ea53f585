namespace Skrouterd.Routing;

/// <summary>
/// The router core's view of one connection (AMQP, or an adaptor's in-process connection): identity and the facts
/// management reports. Link and delivery work goes through <see cref="RouterLink"/>.
/// </summary>
internal abstract class RouterConnection
{
    protected RouterConnection(RouterCore core, ConnectionRole role, bool incoming, long identity = 0)
    {
        Core = core;
        Role = role;
        IsIncoming = incoming;
        Identity = identity != 0 ? identity : core.NextConnectionIdentity();
        OpenedAt = core.Clock.GetUtcNow();
    }

    public RouterCore Core { get; }

    /// <summary>Router-wide connection id, as in `[C7]` log prefixes and `connection` identity.</summary>
    public long Identity { get; }

    public ConnectionRole Role { get; protected set; }

    /// <summary>True when the peer connected to us (dir `in`).</summary>
    public bool IsIncoming { get; }

    /// <summary>`host` as management shows it: peer `ip:port` for incoming, the connector's `host:port` for outgoing.</summary>
    public string Host { get; protected set; } = "";

    /// <summary>Adaptor protocol name: `amqp`, `tcp`, `http/1.x`, `http2`.</summary>
    public virtual string Protocol => "amqp";

    /// <summary>Peer container-id from its open frame.</summary>
    public string? Container { get; protected set; }

    public string? SaslMechanism { get; protected set; }

    public bool IsAuthenticated { get; protected set; }

    public string? User { get; protected set; }

    public bool IsEncrypted { get; protected set; }

    public string? SslProtocol { get; protected set; }

    public string? SslCipher { get; protected set; }

    public int SslSsf { get; protected set; }

    /// <summary>Peer open properties (string or symbol keys).</summary>
    public Amqp.Codec.AmqpMap? PeerProperties { get; protected set; }

    public bool IsOpened { get; protected set; }

    public DateTimeOffset OpenedAt { get; }

    /// <summary>Core tick of the last delivery (0 = none yet).</summary>
    public long LastDeliveryTick;

    public bool IsClosing { get; protected set; }

    /// <summary>Closes the connection (management `adminStatus: deleted`, shutdown).</summary>
    public abstract void ForceClose(string condition, string description);
}
