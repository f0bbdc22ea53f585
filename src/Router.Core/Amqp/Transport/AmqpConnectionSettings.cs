using Skrouterd.Amqp.Codec;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>Per-connection protocol settings, from the listener or connector that made the connection. Immutable.</summary>
internal sealed record AmqpConnectionSettings
{
    /// <summary>Largest frame we accept (`maxFrameSize`, default 16384, at least 512).</summary>
    public uint MaxFrameSize { get; init; } = 16384;

    /// <summary>Highest channel number we accept (`maxSessions` - 1).</summary>
    public ushort ChannelMax { get; init; } = 32767;

    /// <summary>We close after this much silence (`idleTimeoutSeconds`, default 16 s; 0 = never); we advertise half.</summary>
    public uint IdleTimeoutMs { get; init; } = 16000;

    /// <summary>
    /// Listener side: close the connection if the peer's open has not arrived this long after the connection was
    /// accepted (`initialHandshakeTimeoutSeconds`; 0 = no limit, the default).
    /// </summary>
    public uint InitialHandshakeTimeoutMs { get; init; }

    /// <summary>When the connection was accepted (a <see cref="TimeProvider"/> timestamp of the router's clock).</summary>
    public long AcceptedTimestamp { get; init; }

    /// <summary>Credit window of incoming links (`linkCapacity`, default 250).</summary>
    public int LinkCapacity { get; init; } = 250;

    /// <summary>Session incoming window in frames (`maxSessionFrames`); null = derive from <see cref="SessionBufferBytes"/>.</summary>
    public uint? MaxSessionFrames { get; init; }

    /// <summary>Bytes of received message content a session may hold before its window stops opening.</summary>
    public long SessionBufferBytes { get; init; } = 8 * 1024 * 1024;

    public ConnectionRole Role { get; init; } = ConnectionRole.Normal;

    /// <summary>Client side: the host we connect to (open hostname); also management `host` for outgoing connections.</summary>
    public string? Hostname { get; init; }

    /// <summary>Connector's `host:port` text (management `host` of outgoing connections).</summary>
    public string? ConnectorHost { get; init; }

    /// <summary>Extra open properties (`openProperties`).</summary>
    public AmqpMap? OpenProperties { get; init; }

    /// <summary>Advertise `qd.inter-router-cost` when the cost is above 1.</summary>
    public int Cost { get; init; } = 1;

    public uint IncomingWindowFrames => MaxSessionFrames ?? (uint)Math.Clamp(SessionBufferBytes / MaxFrameSize, 16, int.MaxValue);
}
