using Skrouterd.Management.Schema;

namespace Skrouterd.Hosting;

/// <summary>
/// A protocol adaptor's side of its configuration entities (e.g. tcpListener, tcpConnector): created from the
/// configuration file or a management CREATE, removed by DELETE. Lives in the core so configuration and management
/// can drive adaptors without referencing them.
/// </summary>
internal interface IAdaptorEntityHost
{
    /// <summary>The entity types served, by short name (e.g. `tcpListener`).</summary>
    IReadOnlyCollection<string> EntityTypes { get; }

    /// <summary>Creates and starts the entity; throws <see cref="InvalidOperationException"/> with the reason.</summary>
    void Create(string entityType, AttributeSet attributes);

    /// <summary>Stops and removes the entity; false if it does not exist.</summary>
    bool Delete(string entityType, string name);

    /// <summary>Read-only attributes (counters, operStatus) of an entity, or null if it does not exist.</summary>
    IReadOnlyDictionary<string, object?>? ReadOnlyAttributes(string entityType, string name);

    /// <summary>Stops everything (router shutdown).</summary>
    void Stop();
}
