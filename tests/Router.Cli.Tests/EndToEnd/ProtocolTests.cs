using System.Net;
using System.Net.Sockets;
using System.Text;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.EndToEnd;

/// <summary>How the tools report protocol-level outcomes: statuses, released requests, timeouts, lost connections.</summary>
public sealed class ProtocolTests
{
    private static FakeReply Answer(FakeRequest request, int status, string description) =>
        request.Operation == "GET-MGMT-NODES"
            ? FakeReply.Ok(request, new List<object?>())
            : FakeReply.Status(request, status, description, new AmqpMap());

    [Theory(Timeout = 30_000)]
    [InlineData(400, "BadRequestStatus")]
    [InlineData(401, "UnauthorizedStatus")]
    [InlineData(403, "ForbiddenStatus")]
    [InlineData(404, "NotFoundStatus")]
    [InlineData(500, "InternalServerErrorStatus")]
    [InlineData(501, "NotImplementedStatus")]
    [InlineData(405, "ManagementError")]
    [InlineData(599, "ManagementError")]
    public async Task ErrorStatus_PrintsStatusClassAndDescription(int status, string className)
    {
        await using var server = new FakeManagementServer(r => Answer(r, status, "No entity with name=foo"));

        var run = await ToolRun.SkmanageAsync(["read", "--type", "listener", "--name", "foo", "-b", server.Bus]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{className}: No entity with name=foo\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task UnexpectedSuccessStatus_IsValueError()
    {
        await using var server = new FakeManagementServer(r => FakeReply.Ok(r, new AmqpMap()));

        var run = await ToolRun.SkmanageAsync(["delete", "--type", "listener", "--name", "foo", "-b", server.Bus]);

        // proton decodes the int statusCode as its int32 type, whose str() the Python client prints.
        Assert.Equal("ValueError: Response was int32(200)(OK) but expected 204(No Content): OK\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task MissingStatusCode_IsTypeError()
    {
        await using var server = new FakeManagementServer(r =>
        {
            var m = new AmqpMessage { Properties = new Properties { CorrelationId = r.Message.Properties!.CorrelationId }, ApplicationProperties = new AmqpMap() };
            m.SetValue(new AmqpMap());
            return new FakeReply(m.ToArray());
        });

        var run = await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", server.Bus]);

        Assert.Equal("TypeError: '<=' not supported between instances of 'int' and 'NoneType'\n", run.Stdout);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(DeliveryStateKind.Released, "SendException: RELEASED")]
    [InlineData(DeliveryStateKind.Rejected, "SendException: REJECTED")]
    public async Task UnroutedRequest_IsSendException(DeliveryStateKind outcome, string expected)
    {
        await using var server = new FakeManagementServer(_ => FakeReply.None(outcome));

        var run = await ToolRun.SkmanageAsync(["query", "--type", "connection", "-r", "Gone", "-b", server.Bus]);

        Assert.Equal((1, expected + "\n"), (run.ExitCode, run.Stdout));
        Assert.Equal("_topo/0/Gone/$management", server.Requests.Single().LinkTarget);
    }

    [Fact(Timeout = 30_000)]
    public async Task NoReply_TimesOutWaitingForResponse()
    {
        await using var server = new FakeManagementServer(_ => FakeReply.None());

        var run = await ToolRun.SkstatAsync(["-b", server.Bus, "-t", "0.3"]);

        Assert.Equal((1, $"Timeout: Connection amqp://{server.Bus} timed out: Waiting for response\n"), (run.ExitCode, run.Stdout));
    }

    [Fact(Timeout = 30_000)]
    public async Task NoCredit_TimesOutSending()
    {
        await using var server = new FakeManagementServer(_ => FakeReply.None(), new FakeServerOptions { SenderCredit = 0 });

        var run = await ToolRun.SkstatAsync(["-b", server.Bus, "-t", "0.3"], containerId: "cid");

        Assert.Equal($"Timeout: Connection amqp://{server.Bus} timed out: Sending on sender cid-$management\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task ConnectionRefused_IsConnectionException()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var run = await ToolRun.SkstatAsync(["-b", "127.0.0.1:" + port]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"ConnectionException: Connection amqp://127.0.0.1:{port} disconnected: Condition('proton.pythonio', 'Connection refused to all addresses')\n",
            run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task ConnectionDropped_IsConnectionExceptionConnectionAborted()
    {
        await using var server = new FakeManagementServer(_ => FakeReply.None(), new FakeServerOptions { DropOnRequest = true });

        var run = await ToolRun.SkstatAsync(["-b", server.Bus]);

        Assert.Equal(
            $"ConnectionException: Connection amqp://{server.Bus} disconnected: Condition('amqp:connection:framing-error', 'connection aborted')\n",
            run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task CloseNotAnswered_TimesOutClosing()
    {
        await using var server = new FakeManagementServer(r => FakeReply.Ok(r, new List<object?>()), new FakeServerOptions { AnswerClose = false });

        var run = await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", server.Bus, "-t", "0.3"]);

        Assert.Equal((1, $"[]\nTimeout: Connection amqp://{server.Bus} timed out: Closing connection\n"), (run.ExitCode, run.Stdout));
    }

    [Fact(Timeout = 30_000)]
    public async Task AllRouters_OpensLinksToEachNodesManagementAddress()
    {
        var agent = new ScenarioAgent("interior");
        await using var server = new FakeManagementServer(agent.Answer);

        var run = await ToolRun.SkstatAsync(["--all-routers", "-g", "-b", server.Bus]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["$management", "_topo/0/Router.A/$management", "_topo/0/Router.B/$management"],
            server.Requests.Select(r => r.LinkTarget));
        Assert.Equal(["1", "2", "3"], server.Requests.Select(r => (string)r.Message.Properties!.CorrelationId!));
    }

    [Fact(Timeout = 30_000)]
    public async Task PeerCloseWithError_IsConnectionClosed()
    {
        await using var server = new FakeManagementServer(
            _ => FakeReply.None(),
            new FakeServerOptions { CloseOnRequestWith = new AmqpError("amqp:internal-error", "boom") });

        var run = await ToolRun.SkstatAsync(["-b", server.Bus]);

        Assert.Equal("ConnectionClosed: Connection 127.0.0.1 closed due to: Condition('amqp:internal-error', 'boom')\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task SenderDetached_IsLinkDetached()
    {
        await using var server = new FakeManagementServer(
            _ => FakeReply.None(),
            new FakeServerOptions { DetachSenderWith = new AmqpError("amqp:not-found", "no route") });

        var run = await ToolRun.SkstatAsync(["-b", server.Bus, "-d", "edge1"], containerId: "cid");

        Assert.Equal(
            "LinkDetached: sender cid-_edge/edge1/$management to _edge/edge1/$management closed due to: Condition('amqp:not-found', 'no route')\n",
            run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task TargetNotEchoed_IsLinkException()
    {
        await using var server = new FakeManagementServer(_ => FakeReply.None(), new FakeServerOptions { TargetOverride = "elsewhere" });

        var run = await ToolRun.SkstatAsync(["-b", server.Bus], containerId: "cid");

        Assert.Equal("LinkException: Failed to open sender cid-$management, target does not match\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task SaslOptions_NegotiatePlainBeforeAmqp()
    {
        await using var server = new FakeManagementServer(r => FakeReply.Ok(r, new List<object?> { "amqp:/_topo/0/A/$management" }));

        var run = await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", server.Bus, "--sasl-username", "admin", "--sasl-password", "secret"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[\n  \"amqp:/_topo/0/A/$management\"\n]\n", run.Stdout);
        Assert.Equal(["414D515003010000", "414D515000010000"], server.ProtocolHeaders.Select(Convert.ToHexString));
        var init = server.SaslInits.Single();
        Assert.Equal("PLAIN", init.Mechanism);
        Assert.Equal("\0admin\0secret", Encoding.UTF8.GetString(init.InitialResponse!));
    }

    [Fact(Timeout = 30_000)]
    public async Task UrlCredentials_UseSasl_AndAnonymousWhenOnlyMechanismsGiven()
    {
        await using var server = new FakeManagementServer(r => FakeReply.Ok(r, new List<object?>()));

        await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", $"amqp://u:p@127.0.0.1:{server.Port}"]);
        await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", server.Bus, "--sasl-mechanisms", "ANONYMOUS"]);

        Assert.Equal(["PLAIN", "ANONYMOUS"], server.SaslInits.Select(i => i.Mechanism));
    }

    [Fact(Timeout = 30_000)]
    public async Task SaslFailure_IsConnectionException()
    {
        await using var server = new FakeManagementServer(_ => FakeReply.None(), new FakeServerOptions { SaslSucceeds = false });

        var run = await ToolRun.SkstatAsync(["-b", server.Bus, "--sasl-username", "u", "--sasl-password", "p"]);

        Assert.Equal(
            $"ConnectionException: Connection amqp://{server.Bus} disconnected: Condition('amqp:unauthorized-access', 'Authentication failed [mech=PLAIN]')\n",
            run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task SlowReply_ClientKeepsConnectionAliveWithHeartbeats()
    {
        await using var server = new FakeManagementServer(
            r => FakeReply.Ok(r, new List<object?>()),
            new FakeServerOptions { IdleTimeOut = 100, HeartbeatsBeforeReply = 2 });

        var run = await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", server.Bus]);

        Assert.Equal((0, "[]\n"), (run.ExitCode, run.Stdout));
        Assert.True(server.Heartbeats >= 2);
    }

    [Fact(Timeout = 30_000)]
    public async Task LargeReply_SpanningFrames_IsReassembled()
    {
        string big = new('x', 50_000);
        await using var server = new FakeManagementServer(r => FakeReply.Ok(r, new List<object?> { big, "end" }));

        var run = await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", server.Bus, "--indent", "-1"]);

        Assert.Equal($"[\"{big}\", \"end\"]\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task LargeRequest_IsSplitIntoFramesTheRouterAccepts()
    {
        string big = new('y', 40_000);
        await using var server = new FakeManagementServer(r => FakeReply.Status(r, 201, "Created", r.Message.Value));

        var run = await ToolRun.SkmanageAsync(["create", "--type", "sslProfile", "--name", "p", "certFile=" + big, "-b", server.Bus, "--indent", "-1"]);

        Assert.Equal($"{{\"certFile\": \"{big}\"}}\n", run.Stdout);
        var transfers = server.ClientFrames.Where(f => f.Performative == "Transfer").ToList();
        Assert.True(transfers.Count >= 3);
        Assert.All(transfers, t => Assert.True(t.Frame.Length <= 16384));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("0.0.0.0")]
    [InlineData("localhost")]
    public async Task AnyAddressAndLocalhost_ReachALoopbackListener(string host)
    {
        await using var server = new FakeManagementServer(r => FakeReply.Ok(r, new List<object?>()));

        var run = await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", $"{host}:{server.Port}"]);

        Assert.Equal((0, "[]\n"), (run.ExitCode, run.Stdout));
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_PagesFiveHundredRowsAtATime()
    {
        const int total = 1203;
        await using var server = new FakeManagementServer(r =>
        {
            long offset = (long)r.Property("offset")!;
            long count = (long)r.Property("count")!;
            var rows = new List<object?>();
            for (long i = offset; i < Math.Min(total, offset + count); i++)
            {
                rows.Add(new List<object?> { "c" + i, null });
            }

            return FakeReply.Ok(r, new AmqpMap { { "attributeNames", new List<object?> { "name", "host" } }, { "results", rows } });
        });

        var run = await ToolRun.SkmanageAsync(["query", "--type", "connection", "-b", server.Bus, "--indent", "-1"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([(0L, 500L), (500L, 500L), (1000L, 500L)], server.Requests.Select(r => ((long)r.Property("offset")!, (long)r.Property("count")!)));
        Assert.StartsWith("[{\"name\": \"c0\"}, {\"name\": \"c1\"}", run.Stdout);
        Assert.EndsWith("{\"name\": \"c1202\"}]\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task SkstatLimit_RequestsCountAndAdvancesOffsetLikeTheCRouterTools()
    {
        var connectionNames = new List<object?> { "identity", "host", "container", "role", "protocol", "dir", "isEncrypted", "isAuthenticated", "sasl", "user" };
        await using var server = new FakeManagementServer(r =>
        {
            if (r.Operation == "GET-MGMT-NODES")
            {
                return FakeReply.Ok(r, new List<object?>());
            }

            if ((string?)r.Property("entityType") == "io.skupper.router.router")
            {
                return FakeReply.Ok(r, new AmqpMap { { "attributeNames", new List<object?> { "id" } }, { "results", new List<object?> { new List<object?> { "R" } } } });
            }

            long count = (long)r.Property("count")!;
            var rows = Enumerable.Range(0, (int)count).Select(i => (object?)new List<object?> { i.ToString(System.Globalization.CultureInfo.InvariantCulture), "h", "c", "normal", "amqp", "in", false, false, null, null }).ToList();
            return FakeReply.Ok(r, new AmqpMap { { "attributeNames", connectionNames }, { "results", rows } });
        });

        var run = await ToolRun.SkstatAsync(["-c", "--limit", "700", "-b", server.Bus]);

        Assert.Equal(0, run.ExitCode);
        var queries = server.Requests.Where(r => (string?)r.Property("entityType") == "io.skupper.router.connection").ToList();
        // Python's Node.query lowers the page size to the rows still wanted and advances the offset by that.
        Assert.Equal([(0L, 500L), (200L, 200L)], queries.Select(r => ((long)r.Property("offset")!, (long)r.Property("count")!)));
        Assert.Equal(706, run.Stdout.TrimEnd('\n').Split('\n').Length);
    }
}
