using System.Text;
using Skrouterd.Config;
using Skrouterd.Hosting;
using Skrouterd.Routing;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>
/// A router running in the test process: a <see cref="RouterRuntime"/> configured from JSON entities, with the TCP
/// adaptor served by a <see cref="TcpAdaptorHost"/>, as the daemon wires it.
/// </summary>
internal sealed class TestRouter : IAsyncDisposable
{
    private TestRouter(RouterRuntime runtime, TcpAdaptorHost host, TestLoggerProvider log)
    {
        Runtime = runtime;
        Host = host;
        Log = log;
    }

    public RouterRuntime Runtime { get; }

    public TcpAdaptorHost Host { get; }

    public TcpAdaptor Adaptor => Host.Adaptor;

    public RouterCore Core => Runtime.Core;

    public TestLoggerProvider Log { get; }

    /// <summary>Starts a standalone router with the given entities (JSON `["type", {...}]` items, comma-separated).</summary>
    public static TestRouter Start(string entities = "", bool dropTcpConnections = false, string id = "TestRouter", bool keepLog = true)
    {
        var json = new StringBuilder();
        json.Append($"[[\"router\", {{\"id\": \"{id}\", \"mode\": \"standalone\", \"dropTcpConnections\": {(dropTcpConnections ? "true" : "false")}}}]");
        if (entities.Length > 0)
        {
            json.Append(',').Append(entities);
        }

        json.Append(']');
        var config = ConfigLoader.Parse(json.ToString(), "test.json");
        var log = new TestLoggerProvider(keepLog);
        var runtime = new RouterRuntime(config, log, null, TimeProvider.System);
        var host = new TcpAdaptorHost(new TcpAdaptor(runtime.Core, runtime.Server.FindSslProfile, dropTcpConnections));
        runtime.Adaptors.Add(host);
        runtime.Start();
        return new TestRouter(runtime, host, log);
    }

    public static string Listener(string name, string address, int port = 0, string? extra = null) =>
        $"[\"tcpListener\", {{\"name\": \"{name}\", \"host\": \"127.0.0.1\", \"port\": \"{port}\", \"address\": \"{address}\"{(extra is null ? "" : ", " + extra)}}}]";

    public static string Connector(string name, string address, int port, string? extra = null, string host = "127.0.0.1") =>
        $"[\"tcpConnector\", {{\"name\": \"{name}\", \"host\": \"{host}\", \"port\": \"{port}\", \"address\": \"{address}\"{(extra is null ? "" : ", " + extra)}}}]";

    public TcpAdaptorListener ListenerNamed(string name) => Adaptor.Listeners.Single(l => l.Options.Name == name);

    public TcpAdaptorConnector ConnectorNamed(string name) => Adaptor.Connectors.Single(c => c.Options.Name == name);

    /// <summary>The listener's port once its socket is open (it opens when the address gets a consumer).</summary>
    public async Task<int> ListenerPortAsync(string name)
    {
        var listener = ListenerNamed(name);
        await Poll.UntilAsync(() => listener.BoundPort != 0, $"tcpListener {name} to open").ConfigureAwait(false);
        return listener.BoundPort;
    }

    public int TcpConnectionRows => Core.Connections.Values.Count(c => c.Protocol == "tcp");

    public int TempAddresses => Core.Addresses.Count(a => a.Key.Contains("temp.", StringComparison.Ordinal));

    /// <summary>Links of flows (the connectors' own dispatch links excluded).</summary>
    public int FlowLinks => Core.Links.Values.Count(l => l.Connection.Protocol == "tcp" && !Adaptor.Connectors.Any(c => c.Receiver == l));

    public string Describe() =>
        $"flows={Adaptor.Flows.Count} tcpConnections={TcpConnectionRows} tempAddresses={TempAddresses} flowLinks={FlowLinks} " +
        $"unsettled=[{string.Join(",", Adaptor.Connectors.Select(c => $"{c.Options.Name}:{c.Receiver.UnsettledCount}"))}]";

    /// <summary>
    /// Waits until no flow is left: the adaptor's flows, the core's `tcp` connection rows (one `egress-dispatch` per
    /// connector remains), the per-flow links and the temporary reply-to addresses.
    /// </summary>
    public Task AssertIdleAsync(TimeSpan? timeout = null)
    {
        int connectors = Adaptor.Connectors.Count;
        return Poll.UntilAsync(
            () => Adaptor.Flows.Count == 0 && TcpConnectionRows == connectors && TempAddresses == 0
                && FlowLinks == 0 && Adaptor.Connectors.All(c => c.Receiver.UnsettledCount == 0),
            "the router to be idle", timeout, Describe);
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await Runtime.DisposeAsync().ConfigureAwait(false);
    }
}
