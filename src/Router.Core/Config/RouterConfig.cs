namespace Skrouterd.Config;

/// <summary>
/// A loaded, validated configuration: every entity in the order the router configures them (log entities, router,
/// policy, sslProfile, address, autoLink, vhost, httpListener, httpConnector, tcpListener, tcpConnector, any other
/// type, then connectors, then listeners).
/// </summary>
internal sealed record RouterConfig(string File, IReadOnlyList<ConfigEntity> Entities, IReadOnlyList<string> Warnings)
{
    /// <summary>The <c>router</c> singleton (always present; added with defaults when the file has none).</summary>
    public ConfigEntity Router => Entities.First(e => e.TypeName == "router");

    /// <summary>The <c>policy</c> singleton (always present).</summary>
    public ConfigEntity Policy => Entities.First(e => e.TypeName == "policy");

    /// <summary>The router's mode: <c>standalone</c>, <c>interior</c> or <c>edge</c>.</summary>
    public string Mode => Router.Attributes.GetString("mode")!;

    /// <summary>The router id (generated when the file has none).</summary>
    public string RouterId => Router.Attributes.GetString("id")!;

    /// <summary>Entities of one type, by short (<c>listener</c>, <c>router.config.address</c>) or fully-qualified name.</summary>
    public IEnumerable<ConfigEntity> OfType(string typeName) =>
        Entities.Where(e => e.TypeName == typeName || e.Type.FullyQualifiedName == typeName);
}
