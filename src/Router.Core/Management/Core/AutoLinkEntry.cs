namespace Skrouterd.Management;

/// <summary>
/// A configured <c>autoLink</c>. Stored and listed only: this router does not attach auto-links, so each stays
/// <c>inactive</c> (as the C router's does while its container is not connected).
/// </summary>
internal sealed record AutoLinkEntry(
    long Identity,
    string? Name,
    string Address,
    string Direction,
    string? Connection,
    string? ContainerId,
    string? ExternalAddress);
