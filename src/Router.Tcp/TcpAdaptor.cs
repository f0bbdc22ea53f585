using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Skrouterd.Routing;
using Skrouterd.Server;

namespace Skrouterd.Tcp;

/// <summary>
/// The TCP adaptor (legacy encapsulation): the router's tcpListeners and tcpConnectors and their live flows.
/// A TCP connection becomes two streaming messages (adaptors.md §2): client→server to the service address and
/// server→client back to the listener side's dynamic address. Both ends may be on this router or on different routers;
/// the flow code is the same either way.
/// </summary>
internal sealed class TcpAdaptor
{
    private const string FlowIdChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly ConcurrentDictionary<string, TcpAdaptorListener> _listeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TcpAdaptorConnector> _connectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TcpFlow, byte> _flows = new();
    private readonly string _flowSource;
    private long _nextFlow;

    public TcpAdaptor(RouterCore core, Func<string, SslProfile?> profiles, bool dropTcpConnections = false)
    {
        Core = core;
        Profiles = profiles;
        DropTcpConnections = dropTcpConnections;
        Log = core.Loggers.CreateLogger("TCP_ADAPTOR");
        Span<char> source = stackalloc char[5];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = FlowIdChars[System.Security.Cryptography.RandomNumberGenerator.GetInt32(FlowIdChars.Length)];
        }

        _flowSource = new string(source);
    }

    public RouterCore Core { get; }

    public Func<string, SslProfile?> Profiles { get; }

    /// <summary>router.dropTcpConnections: deleting a listener/connector also closes its live flows.</summary>
    public bool DropTcpConnections { get; }

    public ILogger Log { get; }

    public ICollection<TcpAdaptorListener> Listeners => _listeners.Values;

    public ICollection<TcpAdaptorConnector> Connectors => _connectors.Values;

    public ICollection<TcpFlow> Flows => _flows.Keys;

    /// <summary>The number of a new flow (its id is made from it when needed: see <see cref="FlowId"/>).</summary>
    public long NextFlowNumber() => Interlocked.Increment(ref _nextFlow);

    /// <summary>A flow id in the vanflow form `&lt;source&gt;:&lt;n&gt;` (the `:flowid` application property).</summary>
    public string FlowId(long number) => $"{_flowSource}:{number}";

    public TcpAdaptorListener AddListener(TcpListenerOptions options)
    {
        var listener = new TcpAdaptorListener(this, options);
        if (!_listeners.TryAdd(options.Name, listener))
        {
            throw new InvalidOperationException($"tcpListener {options.Name} already exists");
        }

        Log.Configured("TcpListener", options.Address, options.HostPort);
        listener.Start();
        return listener;
    }

    public bool RemoveListener(string name)
    {
        if (!_listeners.TryRemove(name, out var listener))
        {
            return false;
        }

        listener.Stop();
        Log.Deleted(name, listener.Options.Address, listener.Options.HostPort, listener.Options.SiteId ?? "(null)");
        if (DropTcpConnections)
        {
            foreach (var flow in _flows.Keys.OfType<IngressFlow>())
            {
                if (flow.Counters == listener.Counters)
                {
                    flow.Abort();
                }
            }
        }

        return true;
    }

    public TcpAdaptorConnector AddConnector(TcpConnectorOptions options)
    {
        var connector = new TcpAdaptorConnector(this, options);
        if (!_connectors.TryAdd(options.Name, connector))
        {
            throw new InvalidOperationException($"tcpConnector {options.Name} already exists");
        }

        Log.Configured("TcpConnector", options.Address, options.HostPort);
        connector.Start();
        return connector;
    }

    public bool RemoveConnector(string name)
    {
        if (!_connectors.TryRemove(name, out var connector))
        {
            return false;
        }

        connector.Stop();
        Log.Deleted(name, connector.Options.Address, connector.Options.HostPort, connector.Options.SiteId ?? "(null)");
        if (DropTcpConnections)
        {
            foreach (var flow in _flows.Keys.OfType<EgressFlow>())
            {
                if (flow.Counters == connector.Counters)
                {
                    flow.Abort();
                }
            }
        }

        return true;
    }

    public void Track(TcpFlow flow) => _flows[flow] = 0;

    public void Forget(TcpFlow flow) => _flows.TryRemove(flow, out _);

    /// <summary>Closes every flow and stops every listener and connector (router shutdown).</summary>
    public void Stop()
    {
        foreach (var name in _listeners.Keys.ToList())
        {
            RemoveListener(name);
        }

        foreach (var name in _connectors.Keys.ToList())
        {
            RemoveConnector(name);
        }

        foreach (var flow in _flows.Keys.ToList())
        {
            flow.Abort();
        }
    }
}
