using System.Net.Sockets;
using System.Security.Cryptography;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Echo;

/// <summary>Bytes through a tcpListener → tcpConnector on one router, to an echo server and back.</summary>
public sealed class TcpEchoTests
{
    [Fact(Timeout = 30_000)]
    public async Task SmallEcho_ComesBack_AndFlowEnds()
    {
        await using var server = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "echo") + "," + TestRouter.Connector("c", "echo", server.Port));
        int port = await router.ListenerPortAsync("l");
        using (var client = await Net.ConnectAsync(port))
        {
            var payload = "hello, router"u8.ToArray();
            await Net.SendAllAsync(client, payload);
            Assert.Equal(payload, await Net.ReadExactlyAsync(client, payload.Length));
            client.Shutdown(SocketShutdown.Send);
            Assert.Empty(await Net.ReadToEndAsync(client));
        }

        await router.AssertIdleAsync();
        Assert.Empty(server.Errors);
    }
}
