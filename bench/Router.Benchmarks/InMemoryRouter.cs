using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Transport;
using Skrouterd.Bench;
using Skrouterd.Routing;
using Skrouterd.Server;

namespace Skrouterd.Benchmarks;

/// <summary>
/// A router core whose connections run over <see cref="InMemoryTransport"/>s, each driven by an <see cref="AmqpPeer"/>
/// speaking raw frames. The pipes run continuations inline, so a peer's flush runs the router's receive loop on the
/// peer's thread; the router's send loops are woken on the thread pool as in production. The pipes' blocks come
/// from a <see cref="BlockMemoryPool"/> so the harness itself allocates nothing per message.
/// </summary>
internal sealed class InMemoryRouter : IAsyncDisposable
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(10);

    private readonly List<(AmqpPeer Peer, Task PeerRun, Task ConnectionRun)> _connections = [];
    private readonly PipeOptions _pipeOptions = InMemoryTransport.CreateInlineOptions(new BlockMemoryPool());

    public InMemoryRouter(string id = "bench-router")
    {
        Core = new RouterCore(id, RouterMode.Standalone, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public RouterCore Core { get; }

    /// <summary>The listener defaults of the C router (maxFrameSize 16384, linkCapacity 250), no idle time-out.</summary>
    public AmqpConnectionSettings Settings { get; init; } = new() { IdleTimeoutMs = 0 };

    /// <summary>Connects a peer: header exchange as the listener does for a bare AMQP header, then open, begin, attach (and credit).</summary>
    public async Task<AmqpPeer> ConnectAsync(PeerOptions options)
    {
        var transport = new InMemoryTransport(_pipeOptions, _pipeOptions);
        var peer = new AmqpPeer(transport.Peer, options);
        var peerRun = peer.RunAsync();
        var header = await NegotiationIo.ReadHeaderAsync(transport.Input, CancellationToken.None).WaitAsync(SetupTimeout).ConfigureAwait(false);
        if (header is null || ProtocolHeader.Classify(header) != ProtocolHeader.IdAmqp)
        {
            throw new InvalidOperationException("the peer did not send the AMQP protocol header");
        }

        await transport.SendAsync(ProtocolHeader.Amqp.ToArray(), CancellationToken.None).ConfigureAwait(false);
        var connection = new AmqpConnection(Core, transport, Settings, isClient: false, sasl: null, Core.NextConnectionIdentity());
        var connectionRun = connection.RunAsync();
        _connections.Add((peer, peerRun, connectionRun));
        await peer.Ready.WaitAsync(SetupTimeout).ConfigureAwait(false);
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (peer, _, _) in _connections)
        {
            peer.Close();
        }

        var all = _connections.SelectMany(c => new[] { c.PeerRun, c.ConnectionRun });
        try
        {
            await Task.WhenAll(all).WaitAsync(SetupTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine("in-memory router: connections did not close within " + SetupTimeout);
        }
    }
}
