using System.Net.Sockets;
using System.Security.Cryptography;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Flows;

/// <summary>TCP half-close carried end to end (adaptors.md §2.6; the C router's system_tests_tcp_half_close / test_7x).</summary>
public sealed class TcpHalfCloseTests
{
    [Fact(Timeout = 60_000)]
    public async Task ClientHalfClosesFirst_StillReceivesWholeResponse()
    {
        const int RequestLength = 3_000_000; // more than the byte window
        const int ResponseLength = 2_500_000;

        // The server reads everything, then answers (hash of the request + a pattern), then closes.
        await using var server = new TestServer(async (s, ct) =>
        {
            var request = await Net.ReadToEndAsync(s, ct);
            var response = new byte[32 + ResponseLength];
            SHA256.HashData(request, response);
            new Patterns(7).Fill(response.AsSpan(32));
            await Net.SendAllAsync(s, response, ct);
            s.Shutdown(SocketShutdown.Send);
        });
        await using var router = TestRouter.Start(TestRouter.Listener("l", "svc") + "," + TestRouter.Connector("c", "svc", server.Port));
        int port = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));

        using (var client = await Net.ConnectAsync(port, timeout.Token))
        {
            var request = new byte[RequestLength];
            new Patterns(3).Fill(request);
            await Net.SendAllAsync(client, request, timeout.Token);
            client.Shutdown(SocketShutdown.Send);

            var response = await Net.ReadToEndAsync(client, timeout.Token);
            Assert.Equal(32 + ResponseLength, response.Length);
            Assert.Equal(SHA256.HashData(request), response[..32]);
            Assert.Equal(-1, new Patterns(7).Verify(response.AsSpan(32), new byte[4096]));
        }

        await router.AssertIdleAsync();
        Assert.Empty(server.Errors);
    }

    [Fact(Timeout = 60_000)]
    public async Task ServerHalfClosesFirst_ClientKeepsSending()
    {
        const int GreetingLength = 1_000_000;
        const int UploadLength = 4_000_000;
        var uploaded = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The server says everything it has to say, half-closes, then reads the client's upload to its end.
        await using var server = new TestServer(async (s, ct) =>
        {
            var greeting = new byte[GreetingLength];
            new Patterns(11).Fill(greeting);
            await Net.SendAllAsync(s, greeting, ct);
            s.Shutdown(SocketShutdown.Send);
            uploaded.TrySetResult(await Net.ReadToEndAsync(s, ct));
        });
        await using var router = TestRouter.Start(TestRouter.Listener("l", "svc") + "," + TestRouter.Connector("c", "svc", server.Port));
        int port = await router.ListenerPortAsync("l");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));

        using (var client = await Net.ConnectAsync(port, timeout.Token))
        {
            var greeting = await Net.ReadToEndAsync(client, timeout.Token); // ends with the server's FIN, forwarded
            Assert.Equal(GreetingLength, greeting.Length);
            Assert.Equal(-1, new Patterns(11).Verify(greeting, new byte[4096]));

            var upload = new byte[UploadLength];
            new Patterns(12).Fill(upload);
            for (int offset = 0; offset < upload.Length; offset += 100_000)
            {
                await Net.SendAllAsync(client, upload.AsMemory(offset, Math.Min(100_000, upload.Length - offset)), timeout.Token);
            }

            client.Shutdown(SocketShutdown.Send);
            var received = await uploaded.Task.WaitAsync(timeout.Token);
            Assert.Equal(UploadLength, received.Length);
            Assert.Equal(-1, new Patterns(12).Verify(received, new byte[4096]));
        }

        await router.AssertIdleAsync();
        Assert.Empty(server.Errors);
    }

    [Fact(Timeout = 30_000)]
    public async Task ClientConnectsAndClosesWithoutData_BackendSeesEndOfStream()
    {
        // test_20_tcp_connect_disconnect: the egress still connects, then half-closes.
        var ended = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestServer(async (s, ct) =>
        {
            ended.TrySetResult((await Net.ReadToEndAsync(s, ct)).Length);
            s.Shutdown(SocketShutdown.Send);
        });
        await using var router = TestRouter.Start(TestRouter.Listener("l", "svc") + "," + TestRouter.Connector("c", "svc", server.Port));
        int port = await router.ListenerPortAsync("l");
        using (var client = await Net.ConnectAsync(port))
        {
            client.Shutdown(SocketShutdown.Send);
            Assert.Empty(await Net.ReadToEndAsync(client));
        }

        Assert.Equal(0, await ended.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        await router.AssertIdleAsync();
    }
}
