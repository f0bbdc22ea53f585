using Skrouterd.Hosting;
using Skrouterd.Management;
using Skrouterd.Management.Schema;

namespace Skrouterd.Tcp;

/// <summary>Serves the `tcpListener` and `tcpConnector` entities with the <see cref="TcpAdaptor"/>.</summary>
internal sealed class TcpAdaptorHost : IAdaptorEntityHost, IAdaptorConnectionSource
{
    public TcpAdaptorHost(TcpAdaptor adaptor)
    {
        Adaptor = adaptor;
    }

    public TcpAdaptor Adaptor { get; }

    public IReadOnlyCollection<string> EntityTypes { get; } = ["tcpListener", "tcpConnector"];

    public void Create(string entityType, AttributeSet a)
    {
        string name = a.GetString("name") ?? $"{a.GetString("host")}:{a.GetString("port")}";
        string? address = a.GetString("address");
        string? port = a.GetString("port");
        if (string.IsNullOrEmpty(address) || string.IsNullOrEmpty(port))
        {
            throw new InvalidOperationException($"Invalid {entityType} configuration: see logs for details.");
        }

        string encapsulation = a.GetString("encapsulation") ?? "legacy";
        if (encapsulation != "legacy")
        {
            throw new InvalidOperationException($"{entityType} {name}: encapsulation '{encapsulation}' is not supported (only legacy)");
        }

        if (entityType == "tcpListener")
        {
            Adaptor.AddListener(new TcpListenerOptions
            {
                Name = name,
                Address = address,
                Host = a.GetString("host") ?? "0.0.0.0",
                Port = port,
                SiteId = a.GetString("siteId"),
                SslProfile = a.GetString("sslProfile"),
                AuthenticatePeer = a.GetBoolean("authenticatePeer") ?? false,
                Backlog = (int)(a.GetInteger("backlog") ?? 0),
                Encapsulation = encapsulation,
            });
        }
        else
        {
            string? host = a.GetString("host");
            if (string.IsNullOrEmpty(host))
            {
                throw new InvalidOperationException("Invalid tcpConnector configuration: see logs for details.");
            }

            Adaptor.AddConnector(new TcpConnectorOptions
            {
                Name = name,
                Address = address,
                Host = host,
                Port = port,
                SiteId = a.GetString("siteId"),
                SslProfile = a.GetString("sslProfile"),
                VerifyHostname = a.GetBoolean("verifyHostname") ?? true,
                Encapsulation = encapsulation,
            });
        }
    }

    public bool Delete(string entityType, string name) =>
        entityType == "tcpListener" ? Adaptor.RemoveListener(name) : Adaptor.RemoveConnector(name);

    public IReadOnlyDictionary<string, object?>? ReadOnlyAttributes(string entityType, string name)
    {
        if (entityType == "tcpListener")
        {
            var l = Adaptor.Listeners.FirstOrDefault(x => x.Options.Name == name);
            return l is null ? null : Counters(l.Counters, l.OperStatus);
        }

        var c = Adaptor.Connectors.FirstOrDefault(x => x.Options.Name == name);
        return c is null ? null : Counters(c.Counters, null);
    }

    private static Dictionary<string, object?> Counters(TcpEndpointCounters c, string? operStatus)
    {
        var d = new Dictionary<string, object?>
        {
            ["bytesIn"] = Interlocked.Read(ref c.BytesIn),
            ["bytesOut"] = Interlocked.Read(ref c.BytesOut),
            ["connectionsOpened"] = Interlocked.Read(ref c.ConnectionsOpened),
            ["connectionsClosed"] = Interlocked.Read(ref c.ConnectionsClosed),
        };
        if (operStatus is not null)
        {
            d["operStatus"] = operStatus;
        }

        return d;
    }

    public void Stop() => Adaptor.Stop();

    /// <summary>One `tcpConnection` row per live flow side that has a connection (adaptors.md §6.2).</summary>
    public IEnumerable<TcpConnectionInfo> TcpConnections
    {
        get
        {
            var core = Adaptor.Core;
            long now = core.Ticks;
            var clock = core.Clock.GetUtcNow();
            foreach (var flow in Adaptor.Flows)
            {
                if (flow.Connection is not { } connection || flow.IsFinished)
                {
                    continue;
                }

                long lastIn = Volatile.Read(ref flow.LastInTick);
                long lastOut = Volatile.Read(ref flow.LastOutTick);
                yield return new TcpConnectionInfo(
                    flow.GlobalId,
                    connection.Identity,
                    flow.Address,
                    connection.Host,
                    flow.IsIngress,
                    Interlocked.Read(ref flow.BytesIn),
                    Interlocked.Read(ref flow.BytesOut),
                    (long)(clock - flow.StartedAt).TotalSeconds,
                    lastIn == 0 ? null : now - (lastIn - 1),
                    lastOut == 0 ? null : now - (lastOut - 1));
            }
        }
    }

    public IEnumerable<HttpRequestInfoRecord> HttpRequests => [];
}
