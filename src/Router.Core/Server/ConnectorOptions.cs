using Skrouterd.Routing;

namespace Skrouterd.Server;

/// <summary>A `connector` entity as the server uses it. Immutable.</summary>
internal sealed record ConnectorOptions
{
    public required string Name { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public string Port { get; init; } = "amqp";

    public ConnectionRole Role { get; init; } = ConnectionRole.Normal;

    public int Cost { get; init; } = 1;

    public string? SslProfile { get; init; }

    public string? SaslMechanisms { get; init; }

    public string? SaslUsername { get; init; }

    public string? SaslPassword { get; init; }

    public bool VerifyHostname { get; init; } = true;

    public uint MaxFrameSize { get; init; } = 16384;

    public uint? MaxSessionFrames { get; init; }

    public int MaxSessions { get; init; } = 32768;

    public int IdleTimeoutSeconds { get; init; } = 16;

    public int LinkCapacity { get; init; } = 250;

    public Amqp.Codec.AmqpMap? OpenProperties { get; init; }

    /// <summary>`host:port` text exactly as configured (management `host` of the connection).</summary>
    public string HostPort => $"{Host}:{Port}";
}
