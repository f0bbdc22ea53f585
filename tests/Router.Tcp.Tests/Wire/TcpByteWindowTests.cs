using System.Net.Sockets;
using Skrouterd.Amqp.Framing;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Wire;

/// <summary>
/// The byte window between the two sides of a flow (adaptors.md §2.5), each side checked against a probe playing a
/// C router: the writing side reports bytes written as unsettled `received(0, offset)` at least every 364,905 bytes;
/// the reading side stops at 1,459,620 unacknowledged bytes and resumes on an update.
/// </summary>
public sealed class TcpByteWindowTests
{
    private const string Service = "svc";
    private const long AckWindow = 364_905;
    private const long MaxUnacked = 1_459_620;

    [Fact(Timeout = 60_000)]
    public async Task ConnectorSide_ReportsBytesWritten_EveryAckWindow()
    {
        const int Total = 2_000_000;
        var received = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestServer(async (s, ct) =>
        {
            var (bytes, _) = await Net.DrainAsync(s, ct);
            received.TrySetResult(bytes);
            s.Shutdown(SocketShutdown.Send);
        });
        await using var router = TestRouter.Start(TestRouter.Connector("c", Service, server.Port));
        var core = router.Core;
        var probe = new Probe();
        var (connection, receiver, replyTo) = probe.ConsumeReplies(core);
        var sender = new InProcessSender(connection, "probe-out", probe);
        core.BindProducer(sender, null);

        var message = Message.Rent(null);
        var head = new StreamHead(Service, "127.0.0.1:1", replyTo, "abcde:1", null, null).Encode();
        message.Append(head, head.Length);
        var request = sender.Send(message, core.FindByAddress(Service), presettled: false, out _);

        // 2 MB in data sections of 65,536 bytes, as the C router writes them.
        var section = new byte[8 + 65_536];
        Convert.FromHexString("005375b000010000").CopyTo(section, 0);
        for (int sent = 0; sent < Total;)
        {
            int n = Math.Min(65_536, Total - sent);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(section.AsSpan(4), n);
            message.Append(section.AsSpan(0, 8 + n), Message.StreamBlockSize);
            message.WakeConsumers();
            sent += n;
        }

        message.Complete();
        message.WakeConsumers();
        Assert.Equal(Total, await received.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        await Poll.UntilAsync(() => !probe.Deliveries.IsEmpty, "the reply stream");
        probe.Deliveries.TryDequeue(out var reply);
        await Poll.UntilAsync(() => reply!.Message!.IsComplete, "the reply to end");
        receiver.Settle(reply!, DeliveryState.Accepted);
        await Poll.UntilAsync(() => probe.Updates.Any(u => u.Settled), "the request to be settled");

        var updates = probe.Updates.ToList();
        var acks = updates.Where(u => u.State.Kind == DeliveryStateKind.Received).ToList();
        Assert.All(acks, a => Assert.False(a.Settled));
        Assert.All(acks, a => Assert.Equal(0u, a.State.SectionNumber));
        Assert.True(acks.Count >= Total / (int)AckWindow, $"{acks.Count} window updates for {Total} bytes");
        long previous = 0;
        foreach (var a in acks)
        {
            Assert.True((long)a.State.SectionOffset - previous >= AckWindow, $"update at {a.State.SectionOffset} after {previous}");
            Assert.True((long)a.State.SectionOffset - previous < AckWindow + 65_536, $"update at {a.State.SectionOffset} after {previous}: too late");
            previous = (long)a.State.SectionOffset;
        }

        Assert.True(updates[^1].Settled);
        Assert.Equal(DeliveryStateKind.Accepted, updates[^1].State.Kind);
        request!.Release();
        sender.Detach();
        receiver.Detach();
        await router.AssertIdleAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task ListenerSide_StopsReadingAtTheWindow_ResumesOnUpdate()
    {
        await using var router = TestRouter.Start(TestRouter.Listener("l", Service));
        var core = router.Core;
        var probe = new Probe();
        var (connection, receiver) = probe.ConsumeService(core, Service);

        int port = await router.ListenerPortAsync("l");
        using var client = await Net.ConnectAsync(port);
        await Poll.UntilAsync(() => !probe.Deliveries.IsEmpty, "the client→server stream");
        probe.Deliveries.TryDequeue(out var request);
        await Probe.ReadHeadAsync(request!);
        var flow = router.Adaptor.Flows.Single();

        // The client pushes 20 MB; nobody acknowledges.
        using var cts = new CancellationTokenSource();
        var push = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            for (int i = 0; i < 320; i++)
            {
                await Net.SendAllAsync(client, chunk, cts.Token);
            }
        });

        await Poll.UntilAsync(() => Interlocked.Read(ref flow.BytesIn) >= MaxUnacked, "the window to fill");
        long stopped = Interlocked.Read(ref flow.BytesIn);
        Assert.InRange(stopped, MaxUnacked, MaxUnacked + 65_536);
        Assert.False(push.IsCompleted);

        // A window update lets it read on, up to the new limit.
        receiver.Settle(request!, DeliveryState.Received(0, 1_000_000), settle: false);
        await Poll.UntilAsync(() => Interlocked.Read(ref flow.BytesIn) >= 1_000_000 + MaxUnacked, "reading to resume");
        Assert.InRange(Interlocked.Read(ref flow.BytesIn), 1_000_000 + MaxUnacked, 1_000_000 + MaxUnacked + 65_536);

        // Accepted (the far side is done with it) disables the window: everything is read.
        receiver.Settle(request!, DeliveryState.Accepted, settle: false);
        await push.WaitAsync(TimeSpan.FromSeconds(30));
        await Poll.UntilAsync(() => Interlocked.Read(ref flow.BytesIn) == 320 * 65_536, "every byte to be read");
        Assert.True(request!.Message!.Length > 320 * 65_536); // the data sections are in the stream

        receiver.Settle(request!, DeliveryState.Modified(true, false));
        var (_, _) = await Net.DrainAsync(client).WaitAsync(TimeSpan.FromSeconds(20));
        receiver.Detach();
        await router.AssertIdleAsync();
    }
}
