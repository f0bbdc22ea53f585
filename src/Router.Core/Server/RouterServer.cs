using System.Collections.Concurrent;
using Skrouterd.Amqp.Transport;
using Skrouterd.Routing;

namespace Skrouterd.Server;

/// <summary>
/// The router's network side: sslProfiles, listeners, connectors and the connections they made. Entities can be added
/// and removed at run time (management CREATE/DELETE). <see cref="StopAsync"/> closes everything cleanly.
/// </summary>
internal sealed class RouterServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SslProfile> _sslProfiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AmqpListener> _listeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Http.HttpEndpoint> _httpListeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AmqpConnector> _connectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AmqpConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly HeartbeatService _heartbeat;

    public RouterServer(RouterCore core, SaslUserDatabase users)
    {
        Core = core;
        Users = users;
        _heartbeat = new HeartbeatService(this, TimeSpan.FromMilliseconds(250));
    }

    public RouterCore Core { get; }

    public SaslUserDatabase Users { get; }

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Incoming AMQP connections accepted so far (policy.c <c>n_processed</c>, the policy entity's
    /// <c>connectionsProcessed</c>): counted when the socket is accepted, before TLS and SASL.
    /// </summary>
    public long ConnectionsProcessed => Interlocked.Read(ref _connectionsProcessed);

    /// <summary>Incoming AMQP connections accepted and not yet closed (policy.c <c>n_connections</c>).</summary>
    public long ConnectionsCurrent => Interlocked.Read(ref _connectionsCurrent);

    private long _connectionsProcessed;
    private long _connectionsCurrent;

    /// <summary>A listener accepted a socket (qd_policy_socket_accept; the connection limit is not enforced).</summary>
    public void CountAccepted()
    {
        Interlocked.Increment(ref _connectionsProcessed);
        Interlocked.Increment(ref _connectionsCurrent);
    }

    /// <summary>An accepted connection is gone (qd_policy_socket_close).</summary>
    public void CountClosed() => Interlocked.Decrement(ref _connectionsCurrent);

    public ICollection<SslProfile> SslProfiles => _sslProfiles.Values;

    /// <summary>The open AMQP connections, enumerated without locking or copying (unlike the dictionary's Keys).</summary>
    public IEnumerable<KeyValuePair<AmqpConnection, byte>> AmqpConnections => _connections;

    public ICollection<AmqpListener> Listeners => _listeners.Values;

    public ICollection<AmqpConnector> Connectors => _connectors.Values;

    /// <summary>How many other routers the network has (set by the runtime from the management agent's view).</summary>
    public Func<int> RemoteRouters { get; set; } = static () => 0;

    /// <summary>Listeners with `http: true` (health probe, metrics, static files).</summary>
    public ICollection<Http.HttpEndpoint> HttpListeners => _httpListeners.Values;

    public SslProfile? FindSslProfile(string name) => _sslProfiles.TryGetValue(name, out var p) ? p : null;

    public bool AddSslProfile(SslProfile profile) => _sslProfiles.TryAdd(profile.Name, profile);

    public bool RemoveSslProfile(string name) => _sslProfiles.TryRemove(name, out _);

    /// <summary>Binds and starts a listener; throws <see cref="System.Net.Sockets.SocketException"/> if it cannot bind.</summary>
    public AmqpListener AddListener(ListenerOptions options)
    {
        var listener = new AmqpListener(this, options);
        return StartListener(_listeners, options.Name, listener, listener.Start);
    }

    /// <summary>Binds and starts an HTTP listener; throws <see cref="System.Net.Sockets.SocketException"/> if it cannot bind.</summary>
    public Http.HttpEndpoint AddHttpListener(ListenerOptions options)
    {
        var listener = new Http.HttpEndpoint(Core, options, FindSslProfile, RemoteRouters, Stopping);
        return StartListener(_httpListeners, options.Name, listener, listener.Start);
    }

    /// <summary>Registers a listener under a name no listener of either kind has, then starts it (unregistered if that fails).</summary>
    private T StartListener<T>(ConcurrentDictionary<string, T> listeners, string name, T listener, Action start)
        where T : class
    {
        if (_listeners.ContainsKey(name) || _httpListeners.ContainsKey(name) || !listeners.TryAdd(name, listener))
        {
            throw new InvalidOperationException($"listener {name} already exists");
        }

        try
        {
            start();
        }
        catch
        {
            listeners.TryRemove(name, out _);
            throw;
        }

        return listener;
    }

    public bool RemoveListener(string name)
    {
        if (_listeners.TryRemove(name, out var listener))
        {
            listener.Stop();
            return true;
        }

        if (_httpListeners.TryRemove(name, out var http))
        {
            http.Stop();
            return true;
        }

        return false;
    }

    public AmqpConnector AddConnector(ConnectorOptions options)
    {
        var connector = new AmqpConnector(this, options);
        if (!_connectors.TryAdd(options.Name, connector))
        {
            throw new InvalidOperationException($"connector {options.Name} already exists");
        }

        connector.Start();
        return connector;
    }

    public bool RemoveConnector(string name)
    {
        if (_connectors.TryRemove(name, out var connector))
        {
            connector.Stop();
            return true;
        }

        return false;
    }

    public void Track(AmqpConnection connection)
    {
        _connections[connection] = 0;
        connection.Completion.ContinueWith(
            static (task, state) =>
            {
                var (server, c) = ((RouterServer, AmqpConnection))state!;
                server._connections.TryRemove(c, out _);
            },
            (this, connection),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Stops accepting and dialling, sends close on every connection and waits (bounded) for them to end.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _stopping.Cancel();
        foreach (var listener in _listeners.Values)
        {
            listener.Stop();
        }

        foreach (var listener in _httpListeners.Values)
        {
            listener.Stop();
        }

        foreach (var connector in _connectors.Values)
        {
            connector.Stop();
        }

        var connections = _connections.Keys.ToList();
        foreach (var c in connections)
        {
            c.CloseGracefully();
        }

        try
        {
            await Task.WhenAll(connections.Select(c => c.Completion)).WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await _heartbeat.DisposeAsync().ConfigureAwait(false);
    }
}
