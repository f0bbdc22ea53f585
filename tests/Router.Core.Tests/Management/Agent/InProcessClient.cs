using System.Buffers;
using System.Threading.Channels;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>
/// A management client inside the router (no sockets): an in-process sender for requests and a receiver on a dynamic
/// reply address. Replies and request outcomes are queued for the test thread.
/// </summary>
internal sealed class InProcessClient : IInProcessHandler, IDisposable
{
    private readonly Channel<(InProcessReceiver Link, Delivery Delivery)> _replies = Channel.CreateUnbounded<(InProcessReceiver, Delivery)>();
    private readonly Channel<DeliveryState> _outcomes = Channel.CreateUnbounded<DeliveryState>();
    private readonly InProcessConnection _connection;
    private readonly InProcessSender _sender;
    private readonly InProcessReceiver _receiver;

    public InProcessClient(RouterCore core)
    {
        Core = core;
        _connection = new InProcessConnection(core, "amqp", "test-client", "127.0.0.1:1", incoming: true, register: true);
        _sender = new InProcessSender(_connection, "requests", this);
        _receiver = new InProcessReceiver(_connection, "replies", this);
        (ReplyTo, var address) = core.CreateTemporaryAddress(forReceiver: true);
        var actions = ActionList.Current;
        core.BindConsumer(_receiver, address, actions);
        actions.Run();
    }

    public RouterCore Core { get; }

    public string ReplyTo { get; }

    public static byte[] Encode(object?[] properties, object? body, object? correlationId, string? replyTo)
    {
        var message = new AmqpMessage
        {
            Properties = new Properties { ReplyTo = replyTo, CorrelationId = correlationId },
            ApplicationProperties = AgentHarness.Map(properties),
        };
        message.SetValue(body ?? new Skrouterd.Amqp.Codec.AmqpMap());
        return message.ToArray();
    }

    /// <summary>Sends a request (unsettled) to <paramref name="to"/>; false if the address is unknown or has no consumer.</summary>
    public bool Send(byte[] encoded, string to = "$management", bool complete = true)
    {
        var message = Message.Rent(null);
        message.Append(encoded, encoded.Length);
        if (complete)
        {
            message.Complete();
        }

        LastMessage = message;
        var delivery = _sender.Send(message, Core.FindByAddress(to), presettled: false, out int fanout);
        return fanout > 0 && delivery is not null;
    }

    public Message? LastMessage { get; private set; }

    public Task<AmqpMessage> ReceiveAsync() => ReceiveAsync(TimeSpan.FromSeconds(10));

    public async Task<AmqpMessage> ReceiveAsync(TimeSpan timeout)
    {
        var (link, delivery) = await _replies.Reader.ReadAsync().AsTask().WaitAsync(timeout);
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var chunk = ContentReader.Peek(delivery);
            if (chunk.IsEmpty)
            {
                break;
            }

            buffer.Write(chunk.Span);
            ContentReader.Advance(delivery, chunk.Length);
        }

        link.Settle(delivery, DeliveryState.Accepted);
        return AmqpMessage.Decode(buffer.WrittenSpan);
    }

    public bool TryReceiveNow(out (InProcessReceiver Link, Delivery Delivery) reply) => _replies.Reader.TryRead(out reply);

    public Task<DeliveryState> OutcomeAsync() => _outcomes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    void IInProcessHandler.OnDelivery(InProcessReceiver link, Delivery delivery) => _replies.Writer.TryWrite((link, delivery));

    void IInProcessHandler.OnContent(InProcessReceiver link, Delivery delivery)
    {
    }

    void IInProcessHandler.OnUpdate(RouterLink link, Delivery delivery, DeliveryState state, bool settled)
    {
        if (settled && link == _sender)
        {
            _outcomes.Writer.TryWrite(state);
            delivery.Release();
        }
    }

    void IInProcessHandler.OnCredit(InProcessSender link, int credit, bool drain)
    {
    }

    public void Dispose()
    {
        _receiver.Detach();
        _sender.Detach();
        _connection.Unregister();
    }
}
