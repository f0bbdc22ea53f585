using System.Collections.Concurrent;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>An in-process endpoint for the tests: records deliveries and the updates of its own sends.</summary>
internal sealed class Probe : IInProcessHandler
{
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public ConcurrentQueue<(DeliveryState State, bool Settled)> Updates { get; } = new();

    /// <summary>Called instead of queueing the delivery (e.g. to settle it at once, while the sender is still sending).</summary>
    public Action<InProcessReceiver, Delivery>? DeliveryHandler { get; init; }

    public void OnDelivery(InProcessReceiver link, Delivery delivery)
    {
        if (DeliveryHandler is { } handler)
        {
            handler(link, delivery);
            return;
        }

        Deliveries.Enqueue(delivery);
    }

    public void OnContent(InProcessReceiver link, Delivery delivery)
    {
    }

    public void OnUpdate(RouterLink link, Delivery delivery, DeliveryState state, bool settled) => Updates.Enqueue((state, settled));

    public void OnCredit(InProcessSender link, int credit, bool drain)
    {
    }

    /// <summary>Makes the probe the consumer of <paramref name="address"/> (the service a listener's flows go to).</summary>
    public (InProcessConnection Connection, InProcessReceiver Receiver) ConsumeService(RouterCore core, string address)
    {
        var connection = new InProcessConnection(core, "probe", "probe", "probe", incoming: false, register: false);
        var receiver = new InProcessReceiver(connection, "probe", this);
        Bind(core, receiver, core.GetOrCreate(core.KeyFor(address)));
        return (connection, receiver);
    }

    /// <summary>Makes the probe the consumer of a new temporary address (the reply-to of a stream it sends a connector).</summary>
    public (InProcessConnection Connection, InProcessReceiver Receiver, string ReplyTo) ConsumeReplies(RouterCore core)
    {
        var connection = new InProcessConnection(core, "probe", "probe", "probe", incoming: true, register: false);
        var receiver = new InProcessReceiver(connection, "probe-reply", this);
        var (replyTo, replyAddress) = core.CreateTemporaryAddress(forReceiver: true);
        Bind(core, receiver, replyAddress);
        return (connection, receiver, replyTo);
    }

    private static void Bind(RouterCore core, InProcessReceiver receiver, Address address)
    {
        var actions = ActionList.Current;
        core.BindConsumer(receiver, address, actions);
        actions.Run();
    }

    /// <summary>Waits until the delivery's head (the sections before the body) has arrived; returns it and its bytes.</summary>
    public static async Task<(StreamHead Head, byte[] Bytes)> ReadHeadAsync(Delivery d)
    {
        StreamHead? head = null;
        byte[] bytes = [];
        await Poll.UntilAsync(() =>
        {
            var buffer = new byte[4096];
            int n = ContentReader.CopyAhead(d, buffer);
            if (StreamHead.TryParse(buffer.AsSpan(0, n), d.Message!.IsFinished, out head, out int length) != StreamHead.ParseResult.Complete)
            {
                return false;
            }

            bytes = buffer[..length];
            return true;
        }, "a stream head").ConfigureAwait(false);
        return (head!, bytes);
    }
}
