using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Wire;

/// <summary>
/// Golden tests against the C router's TCP adaptor messages captured in 02-tcp-across (shared/captures): the heads of
/// both streams (frames #112 and #124) and the `received` window update (#323).
/// </summary>
public sealed partial class TcpWireFormatTests
{
    // #112 (Router.A → Router.B, first C→S transfer): properties (list32, 5 fields) + application-properties.
    private const string CapturedRequestHead =
        "005373d00000004a000000054040a1046563686fa10f3132372e302e302e313a3439393130a12b616d71703a2f5f746f706f2f302f52" +
        "6f757465722e412f74656d702e7135476b6c4b2b646b445048333455005374d10000001600000002a3073a666c6f776964a107674f644a353a33";

    // #124 (Router.B → Router.A, first S→C transfer).
    private const string CapturedReplyHead =
        "005373d000000045000000054040a12b616d71703a2f5f746f706f2f302f526f757465722e412f74656d702e7135476b6c4b2b646b4450" +
        "48333455a10f3132372e302e302e313a343939313040005374d10000001600000002a3073a666c6f776964a10744485638423a33";

    // #112's whole delivery payload: router annotations, the head, the first data section (100 bytes).
    private const string CapturedRequestPayload =
        "0080534b50522d2d5241d00000002800000004520540a10a302f526f757465722e41d00000001000000001a10a302f526f757465722e41" +
        CapturedRequestHead +
        "005375a064303132333435363738396162636465666768696a6b6c6d6e6f707172737475767778797a4142434445464748494a4b4c4d4e" +
        "4f505152535455565758595a2b0a303132333435363738396162636465666768696a6b6c6d6e6f707172737475767778797a";

    // #323: disposition (receiver, first 0, settled null, received(0, 372698)), frame header excluded.
    private const string CapturedReceivedDisposition = "005315c01b054143404000 5323d00000000e000000024380000000000005afda";

    // #1030: the settling accepted disposition.
    private const string CapturedAcceptedDisposition = "005315c0090541434041005324 45";

    private const string ServiceAddress = "echo";
    private const string CapturedSubject = "127.0.0.1:49910";
    private const string CapturedReplyTo = "amqp:/_topo/0/Router.A/temp.q5GklK+dkDPH34U";

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static byte[] Encode(IAmqpEncodable value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new AmqpWriter(buffer);
        value.Encode(ref w);
        w.Commit();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Encode(DeliveryState state)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new AmqpWriter(buffer);
        state.Write(ref w);
        w.Commit();
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void RequestHead_EncodesAsTheCRouter()
    {
        var head = new StreamHead(ServiceAddress, CapturedSubject, CapturedReplyTo, "gOdJ5:3", null, null);
        Assert.Equal(CapturedRequestHead, Convert.ToHexString(head.Encode()).ToLowerInvariant());
    }

    [Fact]
    public void ReplyHead_EncodesAsTheCRouter()
    {
        var head = new StreamHead(CapturedReplyTo, CapturedSubject, null, "DHV8B:3", null, null);
        Assert.Equal(CapturedReplyHead, Convert.ToHexString(head.Encode()).ToLowerInvariant());
    }

    [Fact]
    public void CapturedRequest_Parses_HeadEndsAtTheFirstDataSection()
    {
        var payload = Hex(CapturedRequestPayload);
        Assert.Equal(StreamHead.ParseResult.Complete, StreamHead.TryParse(payload, complete: false, out var head, out int length));
        Assert.Equal(new StreamHead(ServiceAddress, CapturedSubject, CapturedReplyTo, "gOdJ5:3", null, null), head);
        Assert.Equal(payload.AsSpan().IndexOf(Hex("005375a064")), length);
    }

    [Fact]
    public void CapturedReply_Parses()
    {
        var bytes = Hex(CapturedReplyHead);
        Assert.Equal(StreamHead.ParseResult.Complete, StreamHead.TryParse(bytes, complete: false, out var head, out int length));
        Assert.Equal(new StreamHead(CapturedReplyTo, CapturedSubject, null, "DHV8B:3", null, null), head);
        Assert.Equal(bytes.Length, length);
    }

    [Fact]
    public void CapturedRequest_SplitAtEveryOffset_NeedsMoreDataUntilTheHeadIsWhole()
    {
        var payload = Hex(CapturedRequestPayload);
        int headEnd = payload.AsSpan().IndexOf(Hex("005375a064"));
        for (int n = 0; n < headEnd; n++)
        {
            Assert.Equal(StreamHead.ParseResult.NeedMoreData, StreamHead.TryParse(payload.AsSpan(0, n), complete: false, out _, out _));
        }

        for (int n = headEnd; n <= payload.Length; n++)
        {
            Assert.Equal(StreamHead.ParseResult.Complete, StreamHead.TryParse(payload.AsSpan(0, n), complete: false, out _, out int length));
            Assert.Equal(headEnd, length);
        }
    }

    [Fact]
    public void ReceivedState_EncodesAsTheCRouter_List32AndFullULong()
    {
        var captured = Hex(CapturedReceivedDisposition);
        Assert.Equal(captured.AsSpan(10).ToArray(), Encode(DeliveryState.Received(0, 372_698)));

        // Small offsets keep the full ulong form too (the C router always writes 0x80).
        Assert.Equal(Hex("005323d00000000e000000024380000000000000002a"), Encode(DeliveryState.Received(0, 42)));
    }

    [Fact]
    public void ReceivedDisposition_EncodesAsTheCRouter_SettledNull()
    {
        var disposition = new Disposition { Role = LinkRole.Receiver, First = 0, Settled = false, State = DeliveryState.Received(0, 372_698) };
        Assert.Equal(Hex(CapturedReceivedDisposition), Encode(disposition));

        var accepted = new Disposition { Role = LinkRole.Receiver, First = 0, Settled = true, State = DeliveryState.Accepted };
        Assert.Equal(Hex(CapturedAcceptedDisposition), Encode(accepted));
    }

    [Fact]
    public void CapturedReceivedDisposition_Decodes()
    {
        var captured = Hex(CapturedReceivedDisposition);
        var r = new AmqpReader(captured.AsSpan(10));
        var state = DeliveryState.Read(ref r);
        Assert.Equal(DeliveryState.Received(0, 372_698), state);
        Assert.Equal(372_698UL, state.SectionOffset);
    }

    [Fact(Timeout = 30_000)]
    public async Task ListenerSendsTheCRoutersHead_RunValuesReplaced()
    {
        await using var router = TestRouter.Start(TestRouter.Listener("l", ServiceAddress));
        var core = router.Core;

        // A probe consumes the service address (so the listener opens) and receives the client→server stream.
        var probe = new Probe();
        var (connection, receiver) = probe.ConsumeService(core, ServiceAddress);

        int port = await router.ListenerPortAsync("l");
        using var client = await Net.ConnectAsync(port);
        await Poll.UntilAsync(() => !probe.Deliveries.IsEmpty, "the client→server stream");
        probe.Deliveries.TryDequeue(out var d);
        var (head, bytes) = await Probe.ReadHeadAsync(d!);

        string clientAddress = $"127.0.0.1:{((IPEndPoint)client.LocalEndPoint!).Port}";
        Assert.Equal(clientAddress, head.Subject);
        Assert.Matches(ReplyToPattern(), head.ReplyTo);
        Assert.Matches(FlowIdPattern(), head.FlowId);
        Assert.Null(head.ContentType);
        var expected = AmqpTemplate.Substitute(Hex(CapturedRequestHead), s => s switch
        {
            CapturedSubject => clientAddress,
            CapturedReplyTo => head.ReplyTo!,
            "gOdJ5:3" => head.FlowId!,
            _ => s,
        });
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
        Assert.False(d!.Message!.IsFinished); // a stream: open until the client half-closes

        // The client's bytes follow as data sections.
        await Net.SendAllAsync(client, "0123456789"u8.ToArray());
        await Poll.UntilAsync(() => ContentReader.Available(d) >= bytes.Length + 8 + 10, "the first data section");
        var body = new byte[bytes.Length + 18];
        ContentReader.CopyAhead(d, body);
        Assert.Equal(Hex("005375"), body.AsSpan(bytes.Length, 3).ToArray());
        Assert.Equal("0123456789"u8.ToArray(), body.AsSpan(bytes.Length + body.Length - bytes.Length - 10).ToArray());

        // No server: give the stream back; the listener closes the client.
        receiver.Settle(d, DeliveryState.Released);
        var (_, _) = await Net.DrainAsync(client).WaitAsync(TimeSpan.FromSeconds(20));
        receiver.Detach();
        await router.AssertIdleAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task ConnectorRepliesWithTheCRoutersHead_RunValuesReplaced()
    {
        await using var echo = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Connector("c", ServiceAddress, echo.Port));
        var core = router.Core;

        // The probe plays the listener side: a reply-to address of its own and a stream to the service.
        var probe = new Probe();
        var (connection, receiver, replyTo) = probe.ConsumeReplies(core);
        var sender = new InProcessSender(connection, "probe-out", probe);
        var service = core.GetOrCreate(core.KeyFor(ServiceAddress));
        Assert.True(core.BindProducer(sender, service) > 0);

        var requestHead = AmqpTemplate.Substitute(Hex(CapturedRequestHead), s => s == CapturedReplyTo ? replyTo : s);
        var message = Message.Rent(null);
        message.Append(requestHead, requestHead.Length);
        message.Append(Hex("005375a00470696e67")); // data section "ping"
        var request = sender.Send(message, service, presettled: false, out int fanout);
        Assert.Equal(1, fanout);
        message.WakeConsumers();

        await Poll.UntilAsync(() => !probe.Deliveries.IsEmpty, "the server→client stream");
        probe.Deliveries.TryDequeue(out var reply);
        var (head, bytes) = await Probe.ReadHeadAsync(reply!);
        Assert.Matches(FlowIdPattern(), head.FlowId);
        var expected = AmqpTemplate.Substitute(Hex(CapturedReplyHead), s => s switch
        {
            CapturedReplyTo => replyTo,
            "DHV8B:3" => head.FlowId!,
            _ => s,
        });
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));

        // The echo comes back as a data section after the head.
        await Poll.UntilAsync(() => ContentReader.Available(reply!) >= bytes.Length + 8 + 4, "the echoed data section");
        var body = new byte[bytes.Length + 12];
        int n = ContentReader.CopyAhead(reply!, body);
        Assert.Equal("ping"u8.ToArray(), body.AsSpan(n - 4, 4).ToArray());
        Assert.Equal(Hex("005375"), body.AsSpan(bytes.Length, 3).ToArray());

        // End our stream: the server half-closes back, the reply ends; settle it as the listener would.
        message.Complete();
        message.WakeConsumers();
        await Poll.UntilAsync(() => reply!.Message!.IsComplete, "the reply to end");
        receiver.Settle(reply!, DeliveryState.Accepted);
        await Poll.UntilAsync(() => probe.Updates.Any(u => u.Settled), "the request to be settled");
        Assert.Contains(probe.Updates, u => u.Settled && u.State.Kind == DeliveryStateKind.Accepted);
        request!.Release();
        sender.Detach();
        receiver.Detach();
        await router.AssertIdleAsync();
    }

    [GeneratedRegex(@"^amqp:/_topo/0/TestRouter/temp\.[A-Za-z0-9+_]{15}$")]
    private static partial Regex ReplyToPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]{5}:[0-9]+$")]
    private static partial Regex FlowIdPattern();
}
