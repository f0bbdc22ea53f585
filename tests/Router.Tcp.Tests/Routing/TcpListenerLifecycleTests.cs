using System.Net.Sockets;
using Skrouterd.Tcp.Tests.Infrastructure;
using Xunit;

namespace Skrouterd.Tcp.Tests.Routing;

/// <summary>
/// The tcpListener's socket is open only while its address has a consumer (adaptors.md §1.3; the C router's
/// TcpAdaptorListenerConnectTest and TcpAdaptorManagementTest).
/// </summary>
public sealed class TcpListenerLifecycleTests
{
    [Fact(Timeout = 60_000)]
    public async Task NoConnector_Refused_ConnectorAdded_Opens_ConnectorDeleted_Refused_Recreated_Opens()
    {
        int port = Net.FreePort();
        await using var echo = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "svc", port));
        var listener = router.ListenerNamed("l");

        Assert.Equal("down", listener.OperStatus);
        Assert.Equal(SocketError.ConnectionRefused, await Net.TryConnectAsync(port));

        for (int round = 0; round < 2; round++)
        {
            router.Host.Create("tcpConnector", Attributes(("name", "c"), ("address", "svc"), ("host", "127.0.0.1"), ("port", echo.Port.ToString())));
            await Poll.UntilAsync(() => listener.OperStatus == "up", "the listener to open");
            Assert.Equal(port, listener.BoundPort);
            await AssertEchoAsync(port);

            Assert.True(router.Host.Delete("tcpConnector", "c"));
            await Poll.UntilAsync(() => listener.OperStatus == "down", "the listener to close");
            Assert.Equal(SocketError.ConnectionRefused, await Net.TryConnectAsync(port));
            await router.AssertIdleAsync();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task ListenerCreatedAfterConnector_OpensAtOnce_DeletedListener_Refused()
    {
        await using var echo = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Connector("c", "svc", echo.Port));
        int port = Net.FreePort();
        router.Host.Create("tcpListener", Attributes(("name", "l"), ("address", "svc"), ("host", "127.0.0.1"), ("port", port.ToString())));
        Assert.Equal("up", router.ListenerNamed("l").OperStatus);
        await AssertEchoAsync(port);

        Assert.True(router.Host.Delete("tcpListener", "l"));
        Assert.Equal(SocketError.ConnectionRefused, await Net.TryConnectAsync(port));
        await router.AssertIdleAsync();
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConnectorDeleted_LiveFlowsContinueUnlessDropTcpConnections(bool drop)
    {
        await using var echo = TestServer.Echo();
        await using var router = TestRouter.Start(TestRouter.Listener("l", "svc") + "," + TestRouter.Connector("c", "svc", echo.Port), dropTcpConnections: drop);
        int port = await router.ListenerPortAsync("l");
        using var client = await Net.ConnectAsync(port);
        await Net.SendAllAsync(client, "one"u8.ToArray());
        Assert.Equal("one"u8.ToArray(), await Net.ReadExactlyAsync(client, 3));

        Assert.True(router.Host.Delete("tcpConnector", "c"));
        if (drop)
        {
            var (_, _) = await Net.DrainAsync(client).WaitAsync(TimeSpan.FromSeconds(20)); // closed by the router
        }
        else
        {
            await Net.SendAllAsync(client, "two"u8.ToArray());
            Assert.Equal("two"u8.ToArray(), await Net.ReadExactlyAsync(client, 3));
            client.Shutdown(SocketShutdown.Send);
            Assert.Empty(await Net.ReadToEndAsync(client));
        }

        await router.AssertIdleAsync();
    }

    internal static async Task AssertEchoAsync(int port)
    {
        using var client = await Net.ConnectAsync(port);
        await Net.SendAllAsync(client, "ping"u8.ToArray());
        Assert.Equal("ping"u8.ToArray(), await Net.ReadExactlyAsync(client, 4));
        client.Shutdown(SocketShutdown.Send);
        Assert.Empty(await Net.ReadToEndAsync(client));
    }

    internal static Management.Schema.AttributeSet Attributes(params (string Name, object? Value)[] items) =>
        new(items.Select(i => new KeyValuePair<string, object?>(i.Name, i.Value)));
}
