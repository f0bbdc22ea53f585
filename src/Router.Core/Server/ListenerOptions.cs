using Skrouterd.Routing;

namespace Skrouterd.Server;

/// <summary>A `listener` entity as the server uses it. Immutable.</summary>
internal sealed record ListenerOptions
{
    public required string Name { get; init; }

    public string Host { get; init; } = "";

    public string Port { get; init; } = "amqp";

    public ConnectionRole Role { get; init; } = ConnectionRole.Normal;

    public int Cost { get; init; } = 1;

    public string? SslProfile { get; init; }

    public string? SaslMechanisms { get; init; }

    public bool AuthenticatePeer { get; init; }

    public bool RequireSsl { get; init; }

    public uint MaxFrameSize { get; init; } = 16384;

    public uint? MaxSessionFrames { get; init; }

    public int MaxSessions { get; init; } = 32768;

    public int IdleTimeoutSeconds { get; init; } = 16;

    public int InitialHandshakeTimeoutSeconds { get; init; }

    public int LinkCapacity { get; init; } = 250;

    public bool Http { get; init; }

    /// <summary>Static files served by an HTTP listener (null: the C router's default directory).</summary>
    public string? HttpRootDir { get; init; }

    /// <summary>An HTTP listener answers `/healthz`.</summary>
    public bool Healthz { get; init; } = true;

    /// <summary>An HTTP listener answers `/metrics`.</summary>
    public bool Metrics { get; init; } = true;

    public Amqp.Codec.AmqpMap? OpenProperties { get; init; }

    public string HostPort => $"{Host}:{Port}";
}
