namespace Skrouterd.Tcp;

/// <summary>A `tcpConnector` entity (adaptors.md §1.1). Immutable.</summary>
internal sealed record TcpConnectorOptions
{
    public required string Name { get; init; }

    public required string Address { get; init; }

    public required string Host { get; init; }

    public required string Port { get; init; }

    public string? SiteId { get; init; }

    public string? SslProfile { get; init; }

    public bool VerifyHostname { get; init; } = true;

    public string Encapsulation { get; init; } = "legacy";

    public string HostPort => $"{Host}:{Port}";
}
