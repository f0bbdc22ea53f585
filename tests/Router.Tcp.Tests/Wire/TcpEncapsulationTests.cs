using System.Buffers;
using System.Net.Sockets;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Wire;

/// <summary>
/// Streams the legacy adaptor must refuse (adaptors.md §2.4, §2.8; the C router's TcpLegacyInvalidEncodingTest): a
/// content-type (lite encapsulation) at the connector is released, at the listener rejected; a body section other
/// than data ends the write side and the stream is accepted.
/// </summary>
public sealed class TcpEncapsulationTests
{
    private const string Service = "svc";

    /// <summary>Properties with a content-type (the lite form: 7 fields) and no application-properties.</summary>
    private static byte[] LiteHead(string to, string? replyTo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new AmqpWriter(buffer);
        w.WriteDescriptor(Descriptors.Properties);
        var m = AmqpWriter.CreateMeasurer();
        WriteFields(ref m, to, replyTo);
        w.WriteListHeader(7, (int)m.BytesWritten, force32: true);
        WriteFields(ref w, to, replyTo);
        w.Commit();
        return buffer.WrittenSpan.ToArray();

        static void WriteFields(ref AmqpWriter w, string to, string? replyTo)
        {
            w.WriteNull();
            w.WriteNull();
            w.WriteString(to);
            w.WriteNull();
            if (replyTo is null)
            {
                w.WriteNull();
            }
            else
            {
                w.WriteString(replyTo);
            }

            w.WriteString("flow-1");
            w.WriteSymbol(new AmqpSymbol("application/octet-stream"));
        }
    }

    private static byte[] LegacyHead(string to, string? replyTo) => new StreamHead(to, "127.0.0.1:1", replyTo, "abcde:1", null, null).Encode();

    /// <summary>A probe with a reply-to address of its own and a sender, as a listener side would have.</summary>
    private static (Probe Probe, InProcessReceiver Receiver, InProcessSender Sender, string ReplyTo) ListenerSide(RouterCore core)
    {
        var probe = new Probe();
        var (connection, receiver, replyTo) = probe.ConsumeReplies(core);
        var sender = new InProcessSender(connection, "probe-out", probe);
        core.BindProducer(sender, null);
        return (probe, receiver, sender, replyTo);
    }

    private static (Delivery? Delivery, int Fanout) Send(RouterCore core, InProcessSender sender, string to, byte[] content, bool complete)
    {
        var message = Message.Rent(null);
        message.Append(content, content.Length);
        if (complete)
        {
            message.Complete();
        }

        var d = sender.Send(message, core.FindByAddress(to), presettled: false, out int fanout);
        message.WakeConsumers();
        return (d, fanout);
    }

    [Fact(Timeout = 30_000)]
    public async Task ContentTypeAtTheConnector_Released_NoServerConnection()
    {
        await using var server = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Connector("c", Service, server.Port));
        var (probe, receiver, sender, replyTo) = ListenerSide(router.Core);

        var (request, fanout) = Send(router.Core, sender, Service, LiteHead(Service, replyTo), complete: false);
        Assert.Equal(1, fanout);
        await Poll.UntilAsync(() => probe.Updates.Any(u => u.Settled), "the request to be settled");
        Assert.Equal(DeliveryStateKind.Released, probe.Updates.Single(u => u.Settled).State.Kind);
        Assert.Equal(0, server.Accepted);

        request!.Message!.Complete();
        request.Release();
        sender.Detach();
        receiver.Detach();
        await router.AssertIdleAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task ContentTypeAtTheListener_Rejected_ClientClosed()
    {
        await using var router = TestRouter.Start(TestRouter.Listener("l", Service));
        var core = router.Core;

        // The probe is the service (so the listener opens) and answers with a lite-encapsulated reply.
        var probe = new Probe();
        var (connection, receiver) = probe.ConsumeService(core, Service);
        var sender = new InProcessSender(connection, "probe-out", probe);
        core.BindProducer(sender, null);

        int port = await router.ListenerPortAsync("l");
        using var client = await Net.ConnectAsync(port);
        await Poll.UntilAsync(() => !probe.Deliveries.IsEmpty, "the client→server stream");
        probe.Deliveries.TryDequeue(out var request);
        var (head, _) = await Probe.ReadHeadAsync(request!);

        var (reply, fanout) = Send(core, sender, head.ReplyTo!, LiteHead(head.ReplyTo!, null), complete: false);
        Assert.Equal(1, fanout);
        await Poll.UntilAsync(() => probe.Updates.Any(u => u.Settled), "the reply to be settled");
        Assert.Equal(DeliveryStateKind.Rejected, probe.Updates.Single(u => u.Settled).State.Kind);
        var (_, _) = await Net.DrainAsync(client).WaitAsync(TimeSpan.FromSeconds(20)); // the client is closed

        reply!.Message!.Complete();
        reply.Release();
        receiver.Settle(request!, DeliveryState.Accepted);
        sender.Detach();
        receiver.Detach();
        await router.AssertIdleAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task NonDataBodyAtTheConnector_WriteSideEnds_Accepted()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestServer(async (s, ct) =>
        {
            received.TrySetResult(await Net.ReadToEndAsync(s, ct));
            s.Shutdown(SocketShutdown.Send);
        });
        await using var router = TestRouter.Start(TestRouter.Connector("c", Service, server.Port));
        var (probe, receiver, sender, replyTo) = ListenerSide(router.Core);

        // Head, a data section "abc", then an amqp-value section: invalid for a stream.
        byte[] content = [.. LegacyHead(Service, replyTo), .. Convert.FromHexString("005375a003616263"), .. Convert.FromHexString("005377a103787978")];
        var (request, fanout) = Send(router.Core, sender, Service, content, complete: false);
        Assert.Equal(1, fanout);

        Assert.Equal("abc"u8.ToArray(), await received.Task.WaitAsync(TimeSpan.FromSeconds(20))); // then the server saw EOF
        await Poll.UntilAsync(() => !probe.Deliveries.IsEmpty, "the reply stream");
        probe.Deliveries.TryDequeue(out var reply);
        await Poll.UntilAsync(() => reply!.Message!.IsComplete, "the reply to end");
        receiver.Settle(reply!, DeliveryState.Accepted);
        await Poll.UntilAsync(() => probe.Updates.Any(u => u.Settled), "the request to be settled");
        Assert.Equal(DeliveryStateKind.Accepted, probe.Updates.Single(u => u.Settled).State.Kind);
        Assert.Contains(router.Log.Lines, l => l.Contains("Invalid body data for streaming message", StringComparison.Ordinal));

        request!.Message!.Complete();
        request.Release();
        sender.Detach();
        receiver.Detach();
        await router.AssertIdleAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task ServiceReleasesTheStreamWhileItIsBeingSent_ClientClosed()
    {
        // The far side refuses the stream synchronously, before Send has returned it to the listener's flow.
        await using var router = TestRouter.Start(TestRouter.Listener("l", Service));
        var core = router.Core;
        var probe = new Probe { DeliveryHandler = (link, d) => link.Settle(d, DeliveryState.Released) };
        var (connection, receiver) = probe.ConsumeService(core, Service);

        int port = await router.ListenerPortAsync("l");
        using var client = await Net.ConnectAsync(port);
        var (_, _) = await Net.DrainAsync(client).WaitAsync(TimeSpan.FromSeconds(20)); // closed, not left hanging
        Assert.Equal(1, Interlocked.Read(ref receiver.Outcomes.Released));
        receiver.Detach();
        await router.AssertIdleAsync();
    }
}
