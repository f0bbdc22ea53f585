using Skrouterd.Hosting;
using Skrouterd.Management;
using Skrouterd.Management.Schema;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>An adaptor serving tcpListener/tcpConnector entities in memory, with settable counters and flows.</summary>
internal sealed class FakeAdaptorHost : IAdaptorEntityHost, IAdaptorConnectionSource
{
    public IReadOnlyCollection<string> EntityTypes { get; } = ["tcpListener", "tcpConnector"];

    public Dictionary<string, AttributeSet> Entities { get; } = [];

    public List<string> Deleted { get; } = [];

    public string? Refuse { get; set; }

    public long BytesIn { get; set; }

    public List<TcpConnectionInfo> Flows { get; } = [];

    public IEnumerable<TcpConnectionInfo> TcpConnections => Flows;

    public IEnumerable<HttpRequestInfoRecord> HttpRequests => [];

    public void Create(string entityType, AttributeSet attributes)
    {
        if (Refuse is not null)
        {
            throw new InvalidOperationException(Refuse);
        }

        Entities[attributes.GetString("name") ?? $"{attributes.GetString("host")}:{attributes.GetString("port")}"] = attributes;
    }

    public bool Delete(string entityType, string name)
    {
        Deleted.Add($"{entityType}/{name}");
        return Entities.Remove(name);
    }

    public IReadOnlyDictionary<string, object?>? ReadOnlyAttributes(string entityType, string name) =>
        Entities.ContainsKey(name)
            ? new Dictionary<string, object?>
            {
                ["bytesIn"] = BytesIn,
                ["bytesOut"] = 2L,
                ["connectionsOpened"] = 3L,
                ["connectionsClosed"] = 1L,
                ["operStatus"] = "up",
            }
            : null;

    public void Stop()
    {
    }
}
