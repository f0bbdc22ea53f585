using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace Skrouterd.Tests.Management.Live;

/// <summary>
/// The management agent of a whole router in this process, driven over loopback AMQP by python3-qpid-proton
/// clients (as skmanage, skstat and Skupper's controllers drive the C router). They need python3-qpid-proton
/// (scripts/test.sh installs it) and fail without it.
/// </summary>
public sealed class ManagementLiveTests
{
    [Fact(Timeout = 120_000)]
    public async Task RawRequests_StatusCodes_CorrelationIdTypes_StatusKeyOrder()
    {
        Assert.True(Python.Available, Python.Missing);

        await using var router = LiveRouter.Start();
        var results = await Python.RunAsync("""
            m = Mgmt()
            emit(summary(m.call({"operation": "FROBNICATE", "type": "io.skupper.router.listener"}, cid=ulong(1))))
            emit(summary(m.call({"operation": "FROBNICATE", "type": "io.skupper.router.listener", "name": "amqp"}, cid=ulong(2))))
            emit(summary(m.call({"operation": "QUERY", "type": "io.skupper.router.noSuchType"}, cid=ulong(3))))
            emit(summary(m.call({"operation": "QUERY", "entityType": "io.skupper.router.connection"}, {"attributeNames": ["role"]}, cid=ulong(70001))))
            emit(summary(m.call({"operation": "QUERY", "entityType": "io.skupper.router.listener"}, {"attributeNames": ["name", "port"]}, cid=ulong(70002))))
            emit(summary(m.call({"operation": "GET-MGMT-NODES", "type": "org.amqp.management", "name": "self"}, cid="string-id")))
            m.close()
            """, router.Url);

        Assert.Equal([400, 501, 400, 200, 200, 200], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal("io.skupper.router.listener: No name or identity provided", results[0].GetProperty("description").GetString());
        Assert.Equal("Operation 'FROBNICATE' not implemented for 'io.skupper.router.listener' ['CREATE', 'DELETE', 'READ']",
            results[1].GetProperty("description").GetString());
        Assert.Equal("No such entity type 'io.skupper.router.noSuchType'", results[2].GetProperty("description").GetString());
        // Proton-Python reports a ulong correlation-id as an int, and an AMQP int one (what the C router's Python
        // agent sends back) as None: every id here came back as the ulong it was.
        Assert.Equal([1L, 2, 3, 70001, 70002], results.Take(5).Select(r => r.GetProperty("cid").GetInt64()));
        Assert.Equal("string-id", results[5].GetProperty("cid").GetString());

        // The C core agent's entities answer statusDescription first, the Python agent's statusCode first.
        Assert.Equal(["statusDescription", "statusCode"], Keys(results[3]));
        Assert.Equal(["statusCode", "statusDescription"], Keys(results[4]));
        Assert.Equal(["statusCode", "statusDescription"], Keys(results[0]));

        Assert.Equal("""{"attributeNames": ["role"], "results": [["normal"]]}""", Compact(results[3].GetProperty("body")));
        Assert.Equal($$"""{"attributeNames": ["name", "port"], "results": [["amqp", "0"]]}""", Compact(results[4].GetProperty("body")));
        Assert.Equal("""["amqp:/_topo/0/Router.L/$management"]""", Compact(results[5].GetProperty("body")));
    }

    [Fact(Timeout = 120_000)]
    public async Task CreatedListener_AcceptsClients_DeletedListenerStops_PortInUseRefused()
    {
        Assert.True(Python.Available, Python.Missing);

        await using var router = LiveRouter.Start();
        int port = FreePort();
        var results = await Python.RunAsync("""
            port = ARGS[0]
            m = Mgmt()
            emit(summary(m.call({"operation": "CREATE", "type": "io.skupper.router.listener", "name": "extra"},
                                {"host": "127.0.0.1", "port": port, "saslMechanisms": "ANONYMOUS"})))
            # a real client on the created listener: a message goes through the router
            from proton.reactor import AtMostOnce
            c = BlockingConnection("amqp://127.0.0.1:%s" % port, timeout=20)
            r = c.create_receiver("created-listener-queue", credit=10)
            s = c.create_sender("created-listener-queue", options=AtMostOnce())
            s.send(Message(body="hello"))
            emit({"received": r.receive(timeout=20).body})
            c.close()
            # a listener on a port in use (the router's own): created (the C router listens asynchronously and only
            # logs the failure), not listening; the router goes on answering
            busy = URL.rsplit(":", 1)[1]
            emit(summary(m.call({"operation": "CREATE", "type": "io.skupper.router.listener", "name": "busy"},
                                {"host": "127.0.0.1", "port": busy})))
            emit(summary(m.call({"operation": "QUERY", "entityType": "io.skupper.router.listener"}, {"attributeNames": ["name"]})))
            emit(summary(m.call({"operation": "DELETE", "type": "io.skupper.router.listener", "name": "extra"})))
            try:
                BlockingConnection("amqp://127.0.0.1:%s" % port, timeout=5).close()
                emit({"connected_after_delete": True})
            except Exception as e:
                emit({"connected_after_delete": False})
            m.close()
            """, router.Url, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(201, results[0].GetProperty("status").GetInt32());
        Assert.Equal($"listener/127.0.0.1:{port}:extra", results[0].GetProperty("body").GetProperty("identity").GetString());
        Assert.Equal("hello", results[1].GetProperty("received").GetString());
        Assert.Equal(201, results[2].GetProperty("status").GetInt32());
        Assert.Equal("""{"attributeNames": ["name"], "results": [["amqp"], ["extra"], ["busy"]]}""", Compact(results[3].GetProperty("body")));
        Assert.Equal(204, results[4].GetProperty("status").GetInt32());
        Assert.False(results[5].GetProperty("connected_after_delete").GetBoolean());
    }

    [Fact(Timeout = 120_000)]
    public async Task DeletedConnector_ClosesItsConnection()
    {
        Assert.True(Python.Available, Python.Missing);

        await using var router = LiveRouter.Start();
        var results = await Python.RunAsync("""
            port = URL.rsplit(":", 1)[1]
            host = "127.0.0.1:" + port
            m = Mgmt()

            def outgoing():
                r = m.call({"operation": "QUERY", "entityType": "io.skupper.router.connection"}, {"attributeNames": ["dir", "host", "container"]})
                return [row for row in r.body["results"] if row[0] == "out"]

            def wait_for(predicate):
                deadline = time.time() + 20
                while time.time() < deadline:
                    value = predicate()
                    if value:
                        return value
                    time.sleep(0.05)
                return predicate()

            emit(summary(m.call({"operation": "CREATE", "type": "io.skupper.router.connector", "name": "loop"},
                                {"host": "127.0.0.1", "port": port, "role": "normal"})))
            emit({"outgoing": wait_for(outgoing)})
            status = wait_for(lambda: [r for r in m.call({"operation": "QUERY", "entityType": "io.skupper.router.connector"},
                                                        {"attributeNames": ["name", "connectionStatus", "connectionMsg"]}).body["results"]
                                       if r[1] == "SUCCESS"])
            emit({"connector": status})
            emit(summary(m.call({"operation": "DELETE", "type": "io.skupper.router.connector", "name": "loop"})))
            emit({"outgoing_after_delete": wait_for(lambda: not outgoing()) and outgoing()})
            m.close()
            """, router.Url);

        Assert.Equal(201, results[0].GetProperty("status").GetInt32());
        Assert.Contains(results[0].GetProperty("body").GetProperty("connectionStatus").GetString(), (string[])["INITIALIZING", "CONNECTING", "SUCCESS"]);
        var outgoing = results[1].GetProperty("outgoing");
        Assert.Equal($"127.0.0.1:{router.Port}", outgoing[0][1].GetString());
        Assert.Equal("Router.L", outgoing[0][2].GetString());
        var connector = results[2].GetProperty("connector")[0];
        Assert.Equal("SUCCESS", connector[1].GetString());
        Assert.Contains("Connection Opened: dir=out host=127.0.0.1:", connector[2].GetString());
        Assert.Equal(204, results[3].GetProperty("status").GetInt32());
        Assert.Equal(0, results[4].GetProperty("outgoing_after_delete").GetArrayLength());
    }

    [Fact(Timeout = 120_000)]
    public async Task ConnectionAdminStatusDeleted_ClosesThatClient()
    {
        Assert.True(Python.Available, Python.Missing);

        await using var router = LiveRouter.Start();
        var results = await Python.RunAsync("""
            from proton.reactor import Container
            victim_container = Container()
            victim_container.container_id = "victim-client"
            victim = BlockingConnection(URL, timeout=20, container=victim_container)
            m = Mgmt()
            rows = m.call({"operation": "QUERY", "entityType": "io.skupper.router.connection"}, {"attributeNames": ["identity", "container"]}).body["results"]
            identity = [r[0] for r in rows if r[1] == "victim-client"][0]
            emit(summary(m.call({"operation": "UPDATE", "type": "io.skupper.router.connection", "identity": identity}, {"adminStatus": "deleted"})))
            deadline = time.time() + 20
            while time.time() < deadline:
                rows = m.call({"operation": "QUERY", "entityType": "io.skupper.router.connection"}, {"attributeNames": ["container"]}).body["results"]
                if ["victim-client"] not in rows:
                    break
                time.sleep(0.05)
            emit({"remaining": rows})
            m.close()
            """, router.Url);

        Assert.Equal(200, results[0].GetProperty("status").GetInt32());
        Assert.Equal("deleted", results[0].GetProperty("body").GetProperty("adminStatus").GetString());
        Assert.DoesNotContain("victim-client", results[1].GetProperty("remaining").EnumerateArray().Select(r => r[0].GetString()));
    }

    [Fact(Timeout = 120_000)]
    public async Task ManyManagementRequests_ConcurrentWithMessageTraffic()
    {
        Assert.True(Python.Available, Python.Missing);

        await using var router = LiveRouter.Start();
        var traffic = Python.RunAsync("""
            from proton.handlers import MessagingHandler
            from proton.reactor import Container

            class Traffic(MessagingHandler):
                def __init__(self, count):
                    super().__init__(prefetch=200)
                    self.count, self.sent, self.received, self.accepted = count, 0, 0, 0

                def on_start(self, event):
                    conn = event.container.connect(URL)
                    event.container.create_receiver(conn, "traffic")
                    event.container.create_sender(conn, "traffic")

                def on_sendable(self, event):
                    while event.sender.credit and self.sent < self.count:
                        event.sender.send(Message(body=self.sent))
                        self.sent += 1

                def on_message(self, event):
                    self.received += 1

                def on_accepted(self, event):
                    self.accepted += 1
                    if self.accepted == self.count:
                        event.connection.close()

            t = Traffic(int(ARGS[0]))
            Container(t).run()
            emit({"received": t.received, "accepted": t.accepted})
            """, router.Url, "3000");
        var managers = Enumerable.Range(0, 3).Select(_ => Python.RunAsync("""
            m = Mgmt()
            ok = 0
            for i in range(150):
                entity = ["io.skupper.router.router", "io.skupper.router.connection", "io.skupper.router.router.link",
                          "io.skupper.router.router.address", "io.skupper.router.listener"][i % 5]
                r = m.call({"operation": "QUERY", "entityType": entity}, {"attributeNames": []}, cid=ulong(i))
                if r.properties["statusCode"] == 200 and r.correlation_id == i:
                    ok += 1
            emit({"ok": ok})
            m.close()
            """, router.Url)).ToArray();

        var results = await Task.WhenAll([traffic, .. managers]).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(3000, results[0][0].GetProperty("received").GetInt32());
        Assert.Equal(3000, results[0][0].GetProperty("accepted").GetInt32());
        Assert.All(results.Skip(1), r => Assert.Equal(150, r[0].GetProperty("ok").GetInt32()));
    }

    private static List<string?> Keys(JsonElement summary) => summary.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ToList();

    /// <summary>Python's compact json.dumps layout of a value (", " and ": " separators).</summary>
    private static string Compact(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(", ", e.EnumerateObject().Select(p => JsonSerializer.Serialize(p.Name) + ": " + Compact(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(", ", e.EnumerateArray().Select(Compact)) + "]",
        _ => e.GetRawText(),
    };

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
