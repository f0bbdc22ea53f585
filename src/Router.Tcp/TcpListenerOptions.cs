namespace Skrouterd.Tcp;

/// <summary>A `tcpListener` entity (adaptors.md §1.1). Immutable.</summary>
internal sealed record TcpListenerOptions
{
    public required string Name { get; init; }

    public required string Address { get; init; }

    public string Host { get; init; } = "0.0.0.0";

    public required string Port { get; init; }

    public string? SiteId { get; init; }

    public string? SslProfile { get; init; }

    public bool AuthenticatePeer { get; init; }

    public int Backlog { get; init; }

    public string Encapsulation { get; init; } = "legacy";

    public string HostPort => $"{Host}:{Port}";
}
