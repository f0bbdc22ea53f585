using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Client;

/// <summary>
/// proton's <c>SyncRequestResponse</c>: a sender to the management address and a receiver with a dynamic source
/// whose address is every request's reply-to. A call sends the request with the next correlation-id ("1", "2", ...),
/// waits for the reply carrying that id, then grants the receiver one more credit.
/// </summary>
internal sealed class RequestResponseClient
{
    private readonly BlockingConnection _connection;
    private readonly ClientLink _sender;
    private ClientLink _receiver = null!;
    private AmqpMessage? _response;

    private RequestResponseClient(BlockingConnection connection, ClientLink sender)
    {
        _connection = connection;
        _sender = sender;
    }

    public string Address => _sender.Address!;

    /// <summary>The dynamic address the peer assigned to our receiver.</summary>
    public string? ReplyTo => _receiver.RemoteSourceAddress;

    public static async Task<RequestResponseClient> CreateAsync(BlockingConnection connection, string address)
    {
        var sender = await connection.CreateSenderAsync(address).ConfigureAwait(false);
        var client = new RequestResponseClient(connection, sender);
        client._receiver = await connection.CreateDynamicReceiverAsync(m => client._response = m).ConfigureAwait(false);
        return client;
    }

    public async Task<AmqpMessage> CallAsync(ManagementRequest request)
    {
        string correlationId = _connection.NextCorrelationId();
        await _connection.SendAsync(_sender, Encode(request, ReplyTo, correlationId)).ConfigureAwait(false);
        await _connection.WaitAsync(
            () => _response is not null && PyNumber.TryText(_response.Properties?.CorrelationId, out var id) && id == correlationId,
            "Waiting for response").ConfigureAwait(false);
        var response = _response!;
        _response = null;
        _connection.GrantCredit(_receiver, 1);
        return response;
    }

    /// <summary>
    /// The request as proton encodes it (captured #14): an empty header, properties with reply-to and a string
    /// correlation-id, application-properties and an amqp-value body as map32/list32.
    /// </summary>
    public static byte[] Encode(ManagementRequest request, string? replyTo, string correlationId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new AmqpWriter(buffer);
        new Header().Encode(ref w);
        new Properties { ReplyTo = replyTo, CorrelationId = correlationId, MinimumFieldCount = 6 }.Encode(ref w);
        w.WriteDescriptor(Descriptors.ApplicationProperties);
        ProtonDataWriter.Write(ref w, request.Properties);
        w.WriteDescriptor(Descriptors.AmqpValue);
        ProtonDataWriter.Write(ref w, request.Body);
        w.Commit();
        return buffer.WrittenSpan.ToArray();
    }
}
