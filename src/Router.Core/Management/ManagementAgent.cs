using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Management;

/// <summary>
/// The router's AMQP management agent (management-and-deployment.md §2). It consumes <c>$management</c> as a mobile
/// and a local address (so <c>$management</c>, <c>_local/$management</c> and <c>_topo/0/&lt;id&gt;/$management</c>
/// reach it) and <c>_local/$_management_internal</c>, accepts and settles every request delivery, and sends each
/// reply pre-settled to the request's reply-to.
/// <para>
/// Threads: the in-process callbacks only post to a bounded queue; one loop (<see cref="RunAsync"/>) reads request
/// content, processes requests one at a time and sends the replies, holding no connection lock. Requests that do not
/// fit the queue are released. Entity state of the agent is touched by that loop only.
/// </para>
/// </summary>
internal sealed partial class ManagementAgent : IInProcessHandler, IAsyncDisposable
{
    /// <summary>The management node address.</summary>
    public const string NodeAddress = "$management";

    /// <summary>The address the C router's Python agent listens on (the C agent forwards to it).</summary>
    public const string InternalAddress = "$_management_internal";

    /// <summary>Requests waiting for the loop before new ones are released.</summary>
    private const int QueueCapacity = 1024;

    /// <summary>Larger requests are rejected (management requests are a few hundred bytes).</summary>
    private const int MaxRequestBytes = 1024 * 1024;

    private static readonly string[] s_coreOperations = ["QUERY", "CREATE", "READ", "UPDATE", "DELETE"];

    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ConcurrentQueue<Work> _overflow = new();
    private readonly Dictionary<Delivery, ArrayBufferWriter<byte>> _partial = [];
    private readonly List<InProcessReceiver> _receivers = [];
    private readonly CancellationTokenSource _stop = new();
    private InProcessConnection? _connection;
    private InProcessSender? _sender;
    private Task _loop = Task.CompletedTask;
    private int _contentMissed;
    private int _disposed;
    private long _requestCount;
    private bool _activated;

    public ManagementAgent(ManagementContext context)
    {
        Context = context;
        Core = new CoreAgent(context);
        Python = new PythonAgent(context);
    }

    public ManagementContext Context { get; }

    /// <summary>The entity types of the C router's core agent.</summary>
    public CoreAgent Core { get; }

    /// <summary>Every other entity type, and the management node.</summary>
    public PythonAgent Python { get; }

    /// <summary>Requests answered (or dropped) so far.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>
    /// Lists the configuration's entities, subscribes to the management addresses and starts the request loop.
    /// </summary>
    public void Activate()
    {
        if (_activated)
        {
            throw new InvalidOperationException("the management agent is already active");
        }

        _activated = true;
        LoadConfiguration();
        var core = Context.Core;
        _connection = new InProcessConnection(core, "amqp", core.Id, "", incoming: true, register: false);
        _sender = new InProcessSender(_connection, "$management-replies", this);
        var actions = ActionList.Current;
        foreach (string key in (string[])["M" + NodeAddress, "L" + NodeAddress, "L" + InternalAddress])
        {
            var address = core.GetOrCreate(key);
            address.Pinned = true;
            address.InProcess = true;
            address.Treatment = Treatment.AnycastClosest;
            var receiver = new InProcessReceiver(_connection, key, this);
            _receivers.Add(receiver);
            core.BindConsumer(receiver, address, actions);
        }

        actions.Run();
        AgentLog.Activating(Context.AgentLog, InternalAddress);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Lists the configuration's entities without subscribing (the agent driven directly, as in tests).</summary>
    public void LoadConfiguration()
    {
        if (Context.Config is { } config)
        {
            Core.LoadConfiguration(config);
        }

        Python.LoadConfiguration(Context.Config);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stop.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var receiver in _receivers)
        {
            receiver.Detach();
        }

        foreach (var d in _partial.Keys.ToArray())
        {
            ReleaseRequest(d);
        }

        while (_overflow.TryDequeue(out var w))
        {
            w.Link.Settle(w.Delivery, DeliveryState.Released);
        }

        while (_queue.Reader.TryRead(out var w))
        {
            if (w.IsNew)
            {
                w.Link.Settle(w.Delivery, DeliveryState.Released);
            }
        }

        _sender?.Detach();
        _stop.Dispose();
    }

    // ---- in-process callbacks (any thread, possibly under another connection's lock: post only) ------------------

    void IInProcessHandler.OnDelivery(InProcessReceiver link, Delivery delivery)
    {
        var work = new Work(link, delivery, IsNew: true);
        if (!_queue.Writer.TryWrite(work))
        {
            _overflow.Enqueue(work);
            Volatile.Write(ref _contentMissed, 1);
        }
    }

    void IInProcessHandler.OnContent(InProcessReceiver link, Delivery delivery)
    {
        if (!_queue.Writer.TryWrite(new Work(link, delivery, IsNew: false)))
        {
            Volatile.Write(ref _contentMissed, 1);
        }
    }

    void IInProcessHandler.OnUpdate(RouterLink link, Delivery delivery, DeliveryState state, bool settled)
    {
    }

    void IInProcessHandler.OnCredit(InProcessSender link, int credit, bool drain)
    {
    }

    // ---- the request loop ---------------------------------------------------------------------------------------

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
            {
                ReleaseOverflow();
                if (work.IsNew)
                {
                    _partial[work.Delivery] = new ArrayBufferWriter<byte>(256);
                    SafePump(work.Link, work.Delivery);
                }
                else if (_partial.ContainsKey(work.Delivery))
                {
                    SafePump(work.Link, work.Delivery);
                }
            }

            if (Interlocked.Exchange(ref _contentMissed, 0) == 1)
            {
                ReleaseOverflow();
                foreach (var d in _partial.Keys.ToArray())
                {
                    SafePump((InProcessReceiver)d.Link!, d);
                }
            }
        }
    }

    /// <summary>The loop's boundary: a failure with one request is logged and that request released.</summary>
    private void SafePump(InProcessReceiver link, Delivery delivery)
    {
        try
        {
            Pump(link, delivery);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.Unexpected(Context.AgentLog, e);
            if (_partial.Remove(delivery))
            {
                link.Settle(delivery, DeliveryState.Released);
            }
        }
    }

    /// <summary>Requests that did not fit the queue are released (the client may retry).</summary>
    private void ReleaseOverflow()
    {
        while (_overflow.TryDequeue(out var w))
        {
            AgentLog.Overloaded(Context.AgentLog);
            w.Link.Settle(w.Delivery, DeliveryState.Released);
        }
    }

    /// <summary>Reads what has arrived of a request; once it is complete, settles it and answers it.</summary>
    private void Pump(InProcessReceiver link, Delivery delivery)
    {
        var buffer = _partial[delivery];
        var message = delivery.Message!;
        while (true)
        {
            var chunk = ContentReader.Peek(delivery);
            if (chunk.IsEmpty)
            {
                break;
            }

            if (buffer.WrittenCount + chunk.Length > MaxRequestBytes)
            {
                _partial.Remove(delivery);
                link.Settle(delivery, DeliveryState.Rejected(new AmqpError(AmqpErrors.ResourceLimitExceeded,
                    $"management requests are limited to {MaxRequestBytes} bytes")));
                return;
            }

            buffer.Write(chunk.Span);
            ContentReader.Advance(delivery, chunk.Length);
        }

        if (message.IsAborted)
        {
            ReleaseRequest(delivery);
            return;
        }

        if (!ContentReader.IsFinished(delivery))
        {
            return;
        }

        _partial.Remove(delivery);
        long requester = delivery.Peer?.Link?.Connection.Identity ?? 0;
        ManagementRequest? request = null;
        try
        {
            request = ManagementRequestReader.Read(buffer.WrittenSpan);
        }
        catch (AmqpDecodeException e)
        {
            AgentLog.BadRequestMessage(Context.AgentLog, e.Message);
        }

        // The C router accepts every request delivery, whatever becomes of it, once it has been handled (so a
        // QUERY of router.link sees the request itself unsettled, as with the C router).
        try
        {
            if (request is not null)
            {
                Answer(request, requester);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.Unexpected(Context.AgentLog, e);
        }
        finally
        {
            link.Settle(delivery, DeliveryState.Accepted);
        }
    }

    private void ReleaseRequest(Delivery delivery)
    {
        _partial.Remove(delivery);
        ((InProcessReceiver)delivery.Link!).Settle(delivery, DeliveryState.Released);
    }

    /// <summary>Processes one request and sends its reply, if it has a reply-to.</summary>
    private void Answer(ManagementRequest request, long requester)
    {
        Interlocked.Increment(ref _requestCount);
        var response = Handle(request, requester);
        if (response is null || request.ReplyTo is not { } replyTo)
        {
            return;
        }

        byte[] reply = ManagementReplyWriter.Encode(replyTo, request.CorrelationIdRaw, response);
        if (!_sender!.SendTo(reply, replyTo))
        {
            AgentLog.ReplyUnroutable(Context.AgentLog, replyTo);
        }
    }

    private readonly record struct Work(InProcessReceiver Link, Delivery Delivery, bool IsNew);
}
