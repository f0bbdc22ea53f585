using System.Text.Json;
using System.Text.RegularExpressions;
using Skrouterd.Cli.LiveTests.Infrastructure;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Cli.LiveTests;

/// <summary>
/// skmanage's operations against a live router beyond create/delete: QUERY of each entity family (C agent and
/// Python agent types), READ and UPDATE of <c>log</c> entities (and their effect on what the router logs), the
/// errors the agent answers (printed as <c>&lt;Status class&gt;: &lt;description&gt;</c>, exit 1) and the errors
/// the tool raises itself for malformed ATTR=VALUE words; skstat's displays that have no rows on a standalone router.
/// </summary>
public sealed partial class ManagementOperationsTests(ITestOutputHelper output) : ManagementLiveTest(output)
{
    private const string RouterId = "Live.Ops";

    /// <summary>The 20 modules of the 2.7.x <c>log</c> entity (management-and-deployment.md §7).</summary>
    private static readonly string[] s_logModules =
    [
        "ROUTER", "ROUTER_CORE", "ROUTER_HELLO", "ROUTER_LS", "ROUTER_MA", "MESSAGE", "SERVER", "AGENT", "CONTAINER", "ERROR",
        "POLICY", "HTTP", "CONN_MGR", "PYTHON", "PROTOCOL", "TCP_ADAPTOR", "HTTP_ADAPTOR", "FLOW_LOG", "ADDRESS_WATCH", "DEFAULT",
    ];

    private async Task<RouterProcess> StartRouterAsync(int connectorPort = 0, int tcpPort = 0, TestCertificates? certs = null)
    {
        var config = new RouterConfigBuilder(RouterId)
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false))
            .Add("address", ("name", "test-addr"), ("prefix", "test"), ("distribution", "multicast"));
        if (connectorPort != 0)
        {
            config.Add("connector", ("name", "nowhere"), ("host", "127.0.0.1"), ("port", connectorPort.ToString()), ("role", "normal"));
        }

        if (tcpPort != 0)
        {
            config.Add("tcpConnector", ("name", "tcp-out"), ("host", "127.0.0.1"), ("port", tcpPort.ToString()), ("address", "live/tcp"))
                .Add("tcpListener", ("name", "tcp-in"), ("host", "127.0.0.1"), ("port", FreePort().ToString()), ("address", "live/tcp"));
        }

        if (certs is not null)
        {
            config.SslProfile("server-tls", certs.ServerCert, certs.ServerKey, certs.CaCert);
        }

        return await StartRouterAsync(config);
    }

    [Fact(Timeout = 90_000)]
    public async Task Query_EachEntityType_RowsOfThatType()
    {
        var certs = await TestCertificates.GetAsync();
        int nowhere = FreePort();
        var router = await StartRouterAsync(connectorPort: nowhere, tcpPort: FreePort(), certs: certs);

        // C agent types.
        var routerRow = Assert.Single(await QueryAsync(router, "router"));
        Assert.Equal((RouterId, "standalone", "2.7.6", "io.skupper.router.router"), (routerRow.Str("id"), routerRow.Str("mode"), routerRow.Str("version"), routerRow.Str("type")));

        // skmanage's own connection and the tcpConnector's dispatcher.
        var connections = await QueryAsync(router, "connection");
        Assert.Equal(2, connections.Count);
        var self = Assert.Single(connections, c => c.Str("protocol") == "amqp");
        Assert.Equal(("in", "normal", false, false), (self.Str("dir"), self.Str("role"), self.Bool("isAuthenticated"), self.Bool("isEncrypted")));
        Assert.Matches(Uuid(), self.Str("container")!);
        var dispatcher = Assert.Single(connections, c => c.Str("protocol") == "tcp");
        Assert.Equal(("out", "egress-dispatch", "TcpAdaptor"), (dispatcher.Str("dir"), dispatcher.Str("host"), dispatcher.Str("container")));

        // router.config.address (agent_config_address.c columns; prefix without its internal "/#"), priority -1.
        string addresses = await SkmanageOkAsync(router, "query", "--type", "address");
        Assert.Equal(
            "[\n  {\n    \"name\": \"test-addr\",\n    \"identity\": \"ID\",\n    \"type\": \"io.skupper.router.router.config.address\",\n"
            + "    \"prefix\": \"test\",\n    \"distribution\": \"multicast\",\n    \"priority\": -1\n  }\n]\n",
            IdentityValue().Replace(addresses, "\"identity\": \"ID\""));

        // router.link: the dispatcher's consumer link on the tcpConnector's address and skmanage's own two links.
        var links = await QueryAsync(router, "link", "linkType", "linkDir", "owningAddr");
        Assert.Equal(3, links.Count);
        Assert.Contains(links, l => l.Str("linkDir") == "out" && l.Str("owningAddr") == "Mlive/tcp");
        Assert.Contains(links, l => l.Str("linkDir") == "in" && l.Str("owningAddr") == "M$management");
        Assert.Contains(links, l => l.Str("linkDir") == "out" && l.Str("owningAddr")!.StartsWith("Ltemp.", StringComparison.Ordinal));

        Assert.Empty(await QueryAsync(router, "autoLink"));
        Assert.Empty(await QueryAsync(router, "tcpConnection")); // no flow
        Assert.Empty(await QueryAsync(router, "node")); // a standalone router has no router.node

        // Python agent types.
        Assert.Equal(["amqp"], (await QueryAsync(router, "listener")).Select(l => l.Str("name")));
        var connector = Assert.Single(await QueryAsync(router, "connector"));
        Assert.Equal(("nowhere", "127.0.0.1", nowhere.ToString(), "normal", $"connector/127.0.0.1:{nowhere}:nowhere"),
            (connector.Str("name"), connector.Str("host"), connector.Str("port"), connector.Str("role"), connector.Str("identity")));
        Assert.NotEqual("SUCCESS", connector.Str("connectionStatus")); // nothing listens there

        var ssl = Assert.Single(await QueryAsync(router, "sslProfile"));
        Assert.Equal(("server-tls", certs.ServerCert, certs.CaCert), (ssl.Str("name"), ssl.Str("certFile"), ssl.Str("caCertFile")));
        Assert.Equal(("tcp-in", "live/tcp"), (Assert.Single(await QueryAsync(router, "tcpListener")).Str("name"), Assert.Single(await QueryAsync(router, "tcpListener")).Str("address")));
        Assert.Equal("tcp-out", Assert.Single(await QueryAsync(router, "tcpConnector")).Str("name"));

        var logs = await QueryAsync(router, "log");
        Assert.Equal(s_logModules.Order(), logs.Select(l => l.Str("module")!).Order());
        Assert.All(logs, l => Assert.Equal(("log/" + l.Str("module"), "log/" + l.Str("module"), "io.skupper.router.log"), (l.Str("name"), l.Str("identity"), l.Str("type"))));

        var logStats = await QueryAsync(router, "logStats");
        Assert.Equal(s_logModules.Order(), logStats.Select(l => l.Str("name")!).Order());
        Assert.True(logStats.Single(l => l.Str("name") == "SERVER").GetProperty("infoCount").GetInt64() > 0);

        // Node operations not covered elsewhere: no annotations at all (agent.py answers {} whatever the type);
        // GET-JSON-SCHEMA's body is a JSON string, which skmanage prints as it is.
        Assert.Equal("{}\n", await SkmanageOkAsync(router, "get-annotations"));
        Assert.Equal("{}\n", await SkmanageOkAsync(router, "get-annotations", "noSuchType"));
        using (var jsonSchema = JsonDocument.Parse(await SkmanageOkAsync(router, "get-json-schema")))
        {
            Assert.Equal("io.skupper.router", jsonSchema.RootElement.GetProperty("prefix").GetString());
            Assert.True(jsonSchema.RootElement.GetProperty("entityTypes").TryGetProperty("tcpConnector", out _));
        }

        // The tools agree with each other: skstat -g counts what the queries listed.
        var general = await GeneralAsync(router);
        Assert.Equal(("standalone", RouterId, "2.7.6", "2"), (general["Mode"], general["Router Id"], general["Version"], general["Total Connections"]));
        Assert.Equal("1", general["TCP Service Connections"]); // the tcpConnector's dispatcher
    }

    [Fact(Timeout = 90_000)]
    public async Task LogEntity_ReadAndUpdate_AsThePythonAgent()
    {
        var router = await StartRouterAsync();

        // An unconfigured module: only its module and the identifying attributes.
        Assert.Equal(
            "{\n  \"module\": \"ROUTER_CORE\",\n  \"name\": \"log/ROUTER_CORE\",\n  \"identity\": \"log/ROUTER_CORE\",\n  \"type\": \"io.skupper.router.log\"\n}\n",
            await SkmanageOkAsync(router, "read", "--type", "log", "--name", "log/ROUTER_CORE"));

        // DEFAULT carries its defaults.
        var defaults = await SkmanageJsonAsync(router, "read", "--type", "log", "--identity", "log/DEFAULT");
        Assert.Equal(("info+", true, false, "stderr"), (defaults.Str("enable"), defaults.Bool("includeTimestamp"), defaults.Bool("includeSource"), defaults.Str("outputFile")));

        // trace is no level for UPDATE (only the configuration file maps it to debug): a CError, status 500...
        Assert.Equal(
            "InternalServerErrorStatus: CError: Configuration: 'trace+' is not a valid log level. Should be one of {none, debug, info, warning, error, critical}.\n",
            await SkmanageFailsAsync(router, "update", "--type", "log", "--name", "log/ROUTER_CORE", "enable=trace+"));

        // ...after which the entity shows the value all the same (agent.py stores the attributes before
        // qd_log_entity fails), while the module logs as before.
        Assert.Equal("trace+", (await SkmanageJsonAsync(router, "read", "--type", "log", "--name", "log/ROUTER_CORE")).Str("enable"));
        Assert.DoesNotContain(router.LogLines, l => l.Contains(" ROUTER_CORE (debug) ", StringComparison.Ordinal));

        // debug+ is a level: answered with the updated entity, reflected by READ and QUERY, and the router logs
        // ROUTER_CORE debug lines from then on (the connections of the tool runs).
        var updated = await SkmanageJsonAsync(router, "update", "--type", "log", "--name", "log/ROUTER_CORE", "enable=debug+");
        Assert.Equal(["module", "enable", "name", "identity", "type"], updated.EnumerateObject().Select(p => p.Name));
        Assert.Equal("debug+", updated.Str("enable"));
        Assert.Equal("debug+", (await SkmanageJsonAsync(router, "read", "--type", "log", "--identity", "log/ROUTER_CORE")).Str("enable"));
        Assert.Equal("debug+", (await QueryAsync(router, "log", "module", "enable")).Single(l => l.Str("module") == "ROUTER_CORE").Str("enable"));
        await router.WaitForLogAsync(" ROUTER_CORE (debug) ", StateTimeout);

        // Back to info+: the debug lines stop (checked through the log history GET-LOG keeps).
        Assert.Equal("info+", (await SkmanageJsonAsync(router, "update", "--type", "log", "--name", "log/ROUTER_CORE", "enable=info+")).Str("enable"));
        int before = router.LogLines.Count(l => l.Contains(" ROUTER_CORE (debug) ", StringComparison.Ordinal));
        await SkstatAsync(router, "-c");
        await router.WaitForLogAsync("Connection Opened", StateTimeout);
        Assert.Equal(before, router.LogLines.Count(l => l.Contains(" ROUTER_CORE (debug) ", StringComparison.Ordinal)));

        // GET-LOG returns the kept entries as [module, level, text, source, line, time] lists.
        var entries = (await SkmanageJsonAsync(router, "get-log", "limit=5")).EnumerateArray().ToList();
        Assert.Equal(5, entries.Count);
        Assert.All(entries, e => Assert.Equal(6, e.GetArrayLength()));

        // What UPDATE may not do.
        Assert.Equal("BadRequestStatus: Cannot update attribute 'module' in UPDATE\n",
            await SkmanageFailsAsync(router, "update", "--type", "log", "--name", "log/ROUTER_CORE", "module=SERVER"));
        Assert.Equal("NotImplementedStatus: Operation 'DELETE' not implemented for 'io.skupper.router.log' ['UPDATE', 'READ']\n",
            await SkmanageFailsAsync(router, "delete", "--type", "log", "--name", "log/ROUTER_CORE"));
        Assert.Equal("NotFoundStatus: No entity with name=log/NOSUCH\n",
            await SkmanageFailsAsync(router, "update", "--type", "log", "--name", "log/NOSUCH", "enable=info+"));
    }

    [Fact(Timeout = 90_000)]
    public async Task AgentErrors_PrintStatusClassAndDescription()
    {
        var router = await StartRouterAsync();

        // Unknown types: the Python agent's schema lookup, a 400.
        Assert.Equal("BadRequestStatus: No such entity type 'io.skupper.router.noSuchType'\n",
            await SkmanageFailsAsync(router, "query", "--type", "noSuchType"));
        Assert.Equal("BadRequestStatus: No such entity type 'io.skupper.router.noSuchType'\n",
            await SkmanageFailsAsync(router, "read", "--type", "noSuchType", "--name", "amqp"));
        Assert.Equal("BadRequestStatus: No such entity type 'io.skupper.router.noSuchType'\n",
            await SkmanageFailsAsync(router, "delete", "--type", "noSuchType", "--name", "amqp"));
        Assert.Equal("BadRequestStatus: No such entity type 'noSuchType'\n", await SkmanageFailsAsync(router, "get-types", "noSuchType"));

        // Unknown names and attributes: 404.
        Assert.Equal("NotFoundStatus: No entity with name=nosuch\n", await SkmanageFailsAsync(router, "read", "--type", "listener", "--name", "nosuch"));
        Assert.Equal("NotFoundStatus: Unknown attributes ['bogusAttr'] for type io.skupper.router.listener.\n",
            await SkmanageFailsAsync(router, "query", "--type", "listener", "bogusAttr"));

        // The wrong type for an existing name: 400.
        Assert.Equal("BadRequestStatus: Entity type 'io.skupper.router.log' does not extend requested type 'io.skupper.router.listener'\n",
            await SkmanageFailsAsync(router, "read", "--type", "listener", "--name", "log/DEFAULT"));

        // The C agent's own answers: READ of router is forbidden (403), connection READ needs an identity (400),
        // an unknown connection identity is 404.
        Assert.Equal("ForbiddenStatus: Forbidden\n", await SkmanageFailsAsync(router, "read", "--type", "router", "--name", RouterId));
        Assert.Equal("BadRequestStatus: Name not supported. Identity required\n",
            await SkmanageFailsAsync(router, "read", "--type", "connection", "--name", "connection/127.0.0.1:1"));
        Assert.Equal("NotFoundStatus: Not Found\n", await SkmanageFailsAsync(router, "read", "--type", "connection", "--identity", "999999"));

        // A connection READ by identity works: a client that stays connected.
        var client = StartClient("held", "traffic.py", "--url", router.Url(), "--container-id", "cli-live-held",
            "--address", "held/addr", "--unsettled", "1", "--presettled", "0", "--timeout", ScriptTimeout);
        await client.WaitForEventAsync("done", EventTimeout);
        var held = (await QueryAsync(router, "connection", "identity", "container")).Where(c => c.Str("container") == "cli-live-held").ToList();
        Assert.Equal(2, held.Count);
        var read = await SkmanageJsonAsync(router, "read", "--type", "connection", "--identity", held[0].Str("identity")!);
        Assert.Equal(("in", "normal", "cli-live-held", held[0].Str("identity")), (read.Str("dir"), read.Str("role"), read.Str("container"), read.Str("identity")));
        client.CloseInput();

        // The router is unharmed.
        Assert.Equal(["amqp"], (await QueryAsync(router, "listener")).Select(l => l.Str("name")));
    }

    [Fact(Timeout = 90_000)]
    public async Task MalformedAttributeWords_ToolErrors_NothingReachesTheRouter()
    {
        var router = await StartRouterAsync();

        // ATTR=VALUE words are converted with the schema when --type is given (skmanage attr_split): int() of an
        // integer attribute, the attribute must exist, the type too.
        Assert.Equal("ValueError: invalid literal for int() with base 10: 'abc'\n",
            await SkmanageFailsAsync(router, "create", "--type", "listener", "--name", "bad", "host=127.0.0.1", "port=0", "maxFrameSize=abc"));
        Assert.Equal("ValueError: invalid literal for int() with base 10: ''\n",
            await SkmanageFailsAsync(router, "create", "--type", "listener", "--name", "bad", "maxFrameSize="));
        Assert.Equal("ValueError: invalid literal for int() with base 10: '0x10'\n",
            await SkmanageFailsAsync(router, "create", "--type", "listener", "--name", "bad", "maxFrameSize=0x10"));
        Assert.Equal("ValidationError: Unknown attribute 'bogusAttr' for 'io.skupper.router.listener'\n",
            await SkmanageFailsAsync(router, "create", "--type", "listener", "--name", "bad", "bogusAttr=1"));
        Assert.Equal("ValidationError: No such entity type 'io.skupper.router.noSuchType'\n",
            await SkmanageFailsAsync(router, "create", "--type", "noSuchType", "--name", "bad", "a=b"));
        Assert.Equal("ValidationError: Unknown attribute 'bogus' for 'io.skupper.router.log'\n",
            await SkmanageFailsAsync(router, "update", "--type", "log", "--name", "log/DEFAULT", "bogus=x"));

        // --stdin: JSON is required (stdin is empty here).
        Assert.Equal("JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n",
            await SkmanageFailsAsync(router, "create", "--type", "listener", "--stdin"));

        // Custom operations: --body and --properties must be JSON when they look like it.
        Assert.Equal("ValueError: Invalid JSON '{bad': Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\n",
            await SkmanageFailsAsync(router, "get-log", "--body", "{bad"));
        Assert.Equal("TypeError: 'int' object is not iterable\n", await SkmanageFailsAsync(router, "get-log", "--properties", "5"));

        // Usage errors are argparse's: exit 2, usage on stderr.
        var usage = await SkmanageAsync(router, "read", "unexpected");
        Assert.Equal((2, ""), (usage.ExitCode, usage.Stdout));
        Assert.EndsWith("\nskmanage <operation>: error: Unexpected arguments: unexpected\n", usage.Stderr);
        var none = await SkmanageAsync(router);
        Assert.Equal((2, ""), (none.ExitCode, none.Stdout));
        Assert.EndsWith("\nskmanage <operation>: error: No operation specified\n", none.Stderr);

        // Nothing was created.
        Assert.Equal(["amqp"], (await QueryAsync(router, "listener")).Select(l => l.Str("name")));

        // A port that is no number and no service name is a string to the schema: the router takes the entity and
        // its listen fails as getaddrinfo's would (logged, as the C router's asynchronous listen does).
        var odd = await SkmanageJsonAsync(router, "create", "--type", "listener", "--name", "odd", "host=127.0.0.1", "port=notaport");
        Assert.Equal(("listener/127.0.0.1:notaport:odd", "notaport"), (odd.Str("identity"), odd.Str("port")));
        await router.WaitForLogAsync(
            "SERVER (error) Listener error on 127.0.0.1:notaport: Servname not supported for ai_socktype - listen on 127.0.0.1:notaport (proton:io)", StateTimeout);
        Assert.Equal("", await SkmanageOkAsync(router, "delete", "--type", "listener", "--name", "odd"));
    }

    [Fact(Timeout = 90_000)]
    public async Task Skstat_EmptyDisplays_AndUsageErrors()
    {
        var router = await StartRouterAsync();

        // --autolinks with none configured: the title and a note.
        Assert.Equal(["AutoLinks", "No AutoLinks found"], await SkstatBodyAsync(router, "--autolinks"));

        // -m: no allocator pools in this router.
        Assert.Equal(["No memory statistics available"], await SkstatBodyAsync(router, "-m"));

        // --vhosts / --vhoststats without policy vhosts: the note only, not even the date/router-id header.
        foreach (var (option, note) in new[] { ("--vhosts", "No Vhosts"), ("--vhoststats", "No Vhost Stats") })
        {
            var run = await SkstatAsync(router, option);
            Assert.Equal((0, note + "\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
        }

        // 2.7.6 has no --linkroutes (link routes were removed): argparse rejects it, exit 2, nothing on stdout.
        var linkRoutes = await SkstatAsync(router, "--linkroutes");
        Assert.Equal((2, ""), (linkRoutes.ExitCode, linkRoutes.Stdout));
        Assert.StartsWith("usage: skstat ", linkRoutes.Stderr);
        Assert.EndsWith("skstat: error: unrecognized arguments: --linkroutes\n", linkRoutes.Stderr);

        // Two displays at once: mutually exclusive.
        var two = await SkstatAsync(router, "-g", "-c");
        Assert.Equal(2, two.ExitCode);
        Assert.EndsWith("skstat: error: argument -c/--connections: not allowed with argument -g/--general\n", two.Stderr);

        // --version: the router version, no connection needed.
        var version = await RunToolAsync(CliLayout.SkstatDll, ["--version"]);
        Assert.Equal((0, "2.7.6\n"), (version.ExitCode, version.Stdout));
    }

    [Fact(Timeout = 90_000)]
    public async Task NothingListening_ConnectionRefusedWithinTheTimeout()
    {
        int port = FreePort();
        var started = DateTime.UtcNow;
        foreach (var (dll, arguments) in new (string, string[])[]
        {
            (CliLayout.SkstatDll, ["-b", $"127.0.0.1:{port}", "-c"]),
            (CliLayout.SkmanageDll, ["query", "--type=connection", "-b", $"127.0.0.1:{port}"]),
            (CliLayout.SkmanageDll, ["get-types", "-b", $"amqp://127.0.0.1:{port}", "-t", "3"]),
        })
        {
            var run = await RunToolAsync(dll, arguments);
            Assert.Equal((1, ""), (run.ExitCode, run.Stderr));
            Assert.Equal(
                $"ConnectionException: Connection amqp://127.0.0.1:{port} disconnected: Condition('proton.pythonio', 'Connection refused to all addresses')\n",
                run.Stdout);
        }

        // Refused at once, not after the 5 s time-out.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "connection refused took too long to report");
    }

    [GeneratedRegex(@"""identity"": ""\d+""")]
    private static partial Regex IdentityValue();

    [GeneratedRegex(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();
}
