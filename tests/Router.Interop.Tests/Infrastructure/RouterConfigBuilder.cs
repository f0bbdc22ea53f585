using System.Text.Json;

namespace Skrouterd.Interop.Tests.Infrastructure;

/// <summary>
/// Builds a skrouterd JSON configuration (management-and-deployment.md §1.2): a list of [entityType, attributes].
/// Listeners bind 127.0.0.1 port 0; the router logs the port it got, which <see cref="RouterProcess"/> reads.
/// </summary>
internal sealed class RouterConfigBuilder
{
    private readonly List<(string Type, Dictionary<string, object?> Attributes)> _entities = [];

    public RouterConfigBuilder(string id, string mode = "standalone")
    {
        Id = id;
        _entities.Add(("router", new Dictionary<string, object?> { ["id"] = id, ["mode"] = mode }));
    }

    public string Id { get; }

    /// <summary>Adds attributes to the router entity.</summary>
    public RouterConfigBuilder Router(params (string Key, object? Value)[] attributes)
    {
        foreach (var (k, v) in attributes)
        {
            _entities[0].Attributes[k] = v;
        }

        return this;
    }

    public RouterConfigBuilder Add(string type, params (string Key, object? Value)[] attributes)
    {
        _entities.Add((type, attributes.ToDictionary(a => a.Key, a => a.Value)));
        return this;
    }

    public RouterConfigBuilder Listener(string name, params (string Key, object? Value)[] attributes) =>
        Add("listener", [("name", name), ("host", "127.0.0.1"), ("port", 0), .. attributes]);

    public RouterConfigBuilder Address(string prefix, string distribution) =>
        Add("address", ("prefix", prefix), ("distribution", distribution));

    public RouterConfigBuilder SslProfile(string name, string certFile, string keyFile, string caFile) =>
        Add("sslProfile", ("name", name), ("certFile", certFile), ("privateKeyFile", keyFile), ("caCertFile", caFile));

    public RouterConfigBuilder Log(string module, string enable) => Add("log", ("module", module), ("enable", enable));

    public string ToJson()
    {
        var array = _entities.Select(e => new object[] { e.Type, e.Attributes }).ToArray();
        return JsonSerializer.Serialize(array, new JsonSerializerOptions { WriteIndented = true });
    }
}
