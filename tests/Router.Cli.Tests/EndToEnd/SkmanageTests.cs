using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.EndToEnd;

/// <summary>skmanage's requests (properties in the Python client's order, bodies) and its JSON output.</summary>
public sealed class SkmanageTests
{
    /// <summary>Echo agent: replies with the request's body (or the given body) and the status the operation needs.</summary>
    private static FakeManagementServer Echo(object? body = null) => new(r =>
    {
        int status = r.Operation switch { "CREATE" => 201, "DELETE" => 204, _ => 200 };
        string text = status switch { 201 => "Created", 204 => "No Content", _ => "OK" };
        return FakeReply.Status(r, status, text, body ?? r.Message.Value);
    });

    private static List<string> PropertyKeys(FakeRequest r) => r.Message.ApplicationProperties!.Select(e => (string)e.Key!).ToList();

    [Fact(Timeout = 30_000)]
    public async Task Query_SendsAttributeNames_AndDropsNullsFromRows()
    {
        await using var server = new FakeManagementServer(r => FakeReply.Ok(r, new AmqpMap
        {
            { "attributeNames", new List<object?> { "name", "port", "sslProfile" } },
            { "results", new List<object?> { new List<object?> { "amqp", "5672", null }, new List<object?> { "x", null, "tls" } } },
        }));

        var run = await ToolRun.SkmanageAsync(["query", "--type=node", "name", "port", "sslProfile", "-b", server.Bus]);

        var request = server.Requests.Single();
        Assert.Equal(["name", "type", "operation", "entityType", "offset", "count"], PropertyKeys(request));
        Assert.Equal("io.skupper.router.router.node", request.Property("entityType"));
        Assert.Equal(new List<object?> { "name", "port", "sslProfile" }, ((AmqpMap)request.Message.Value!)["attributeNames"]);
        Assert.Equal(
            "[\n  {\n    \"name\": \"amqp\",\n    \"port\": \"5672\"\n  },\n  {\n    \"name\": \"x\",\n    \"sslProfile\": \"tls\"\n  }\n]\n",
            run.Stdout);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("connection", "io.skupper.router.connection")]
    [InlineData("link", "io.skupper.router.router.link")]
    [InlineData("address", "io.skupper.router.router.config.address")]
    [InlineData("autoLink", "io.skupper.router.router.config.autoLink")]
    [InlineData("io.skupper.router.router", "io.skupper.router.router")]
    [InlineData("router.address", "router.address")]
    public async Task TypeNames_AreExpandedLikeSkmanage(string given, string sent)
    {
        await using var server = new FakeManagementServer(r =>
            FakeReply.Ok(r, new AmqpMap { { "attributeNames", new List<object?>() }, { "results", new List<object?>() } }));

        var run = await ToolRun.SkmanageAsync(["QUERY", "--type", given, "-b", server.Bus]);

        Assert.Equal((0, "[]\n"), (run.ExitCode, run.Stdout));
        Assert.Equal(sent, server.Requests.Single().Property("entityType"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Create_ConvertsSchemaIntegersAndBooleans_AndPrintsTheEntity()
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(
            ["create", "--type", "tcpListener", "--name", "t1", "host=0.0.0.0", "port=9090", "backlog=5", "authenticatePeer=false", "siteId", "-b", server.Bus]);

        var request = server.Requests.Single();
        Assert.Equal(["operation", "type", "name"], PropertyKeys(request));
        Assert.Equal("io.skupper.router.tcpListener", request.Property("type"));
        var body = (AmqpMap)request.Message.Value!;
        Assert.Equal(["host", "port", "backlog", "authenticatePeer", "siteId"], body.Select(e => (string)e.Key!));
        Assert.Equal(("9090", 5L, false, (object?)null), (body["port"], body["backlog"], body["authenticatePeer"], body["siteId"]));
        Assert.Equal(
            "{\n  \"host\": \"0.0.0.0\",\n  \"port\": \"9090\",\n  \"backlog\": 5,\n  \"authenticatePeer\": false,\n  \"siteId\": null\n}\n",
            run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task Create_FromStdinList_CallsOncePerMap_AndPrintsAList()
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(
            ["create", "--stdin", "--indent", "-1", "-b", server.Bus],
            stdin: "[{\"type\": \"sslProfile\", \"name\": \"a\", \"certFile\": \"/c\"}, {\"type\": \"connector\", \"name\": \"b\", \"port\": 55671, \"cost\": 2}]");

        Assert.Equal(0, run.ExitCode);
        var requests = server.Requests.ToList();
        Assert.Equal(("io.skupper.router.sslProfile", "a"), (requests[0].Property("type"), requests[0].Property("name")));
        Assert.Equal(("io.skupper.router.connector", "b"), (requests[1].Property("type"), requests[1].Property("name")));
        Assert.Equal(55671L, ((AmqpMap)requests[1].Message.Value!)["port"]);
        Assert.Equal(
            "[{\"type\": \"io.skupper.router.sslProfile\", \"name\": \"a\", \"certFile\": \"/c\"}, "
            + "{\"type\": \"io.skupper.router.connector\", \"name\": \"b\", \"port\": 55671, \"cost\": 2}]\n",
            run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task Create_WithoutAttributes_FailsLikeSkmanage()
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(["create", "--type", "listener", "--name", "x", "-b", server.Bus]);

        Assert.Equal((1, "AttributeError: 'Namespace' object has no attribute 'attributes'\n"), (run.ExitCode, run.Stdout));
        Assert.Empty(server.Requests);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("bogus=1", "ValidationError: Unknown attribute 'bogus' for 'io.skupper.router.tcpListener'")]
    [InlineData("backlog=x", "ValueError: invalid literal for int() with base 10: 'x'")]
    public async Task Create_BadAttributeWords_FailBeforeSending(string word, string expected)
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(["create", "--type", "tcpListener", word, "-b", server.Bus]);

        Assert.Equal((1, expected + "\n"), (run.ExitCode, run.Stdout));
    }

    [Fact(Timeout = 30_000)]
    public async Task Update_PrefersIdentity_AndTurnsYesNoIntoBooleans()
    {
        await using var server = Echo();

        await ToolRun.SkmanageAsync(
            ["update", "--type", "connection", "--name", "n", "--identity", "7", "adminStatus=deleted", "enableProtocolTrace=yes", "-b", server.Bus]);

        var request = server.Requests.Single();
        Assert.Equal(["operation", "type", "identity"], PropertyKeys(request));
        Assert.Equal(true, ((AmqpMap)request.Message.Value!)["enableProtocolTrace"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Read_WithExtraWords_IsUsageError()
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(["read", "--type", "log", "--name", "log/DEFAULT", "extra", "words", "-b", server.Bus]);

        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("skmanage <operation>: error: Unexpected arguments: extra words\n", run.Stderr);
    }

    [Fact(Timeout = 30_000)]
    public async Task Delete_SendsEmptyMapBody_AndPrintsNothing()
    {
        await using var server = Echo(new AmqpMap());

        var run = await ToolRun.SkmanageAsync(["delete", "--type", "connector", "--name", "c1", "-b", server.Bus]);

        Assert.Equal((0, ""), (run.ExitCode, run.Stdout));
        Assert.Equal(0, ((AmqpMap)server.Requests.Single().Message.Value!).Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetTypes_UsesItsArgumentVerbatim()
    {
        await using var server = Echo(new AmqpMap { { "io.skupper.router.listener", new List<object?> { "io.skupper.router.configurationEntity" } } });

        var run = await ToolRun.SkmanageAsync(["get-types", "listener", "-b", server.Bus]);

        var request = server.Requests.Single();
        Assert.Equal(["name", "type", "operation", "entityType"], PropertyKeys(request));
        Assert.Equal(("GET-TYPES", "listener"), (request.Operation, request.Property("entityType")));
        Assert.Equal("{\n  \"io.skupper.router.listener\": [\n    \"io.skupper.router.configurationEntity\"\n  ]\n}\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task CustomOperation_SendsWordsPropertiesAndBody_AndPrintsStringResultsAsIs()
    {
        await using var server = Echo("plain text result");

        var run = await ToolRun.SkmanageAsync(
            ["get-json-schema", "indent=4", "--properties", "{\"extra\": [1, 2]}", "--body", "{\"k\": \"v\"}", "--name", "self", "-b", server.Bus]);

        var request = server.Requests.Single();
        Assert.Equal(["operation", "indent", "extra", "name"], PropertyKeys(request));
        Assert.Equal(("get-json-schema", "4"), (request.Operation, request.Property("indent")));
        Assert.Equal("v", ((AmqpMap)request.Message.Value!)["k"]);
        Assert.Equal("plain text result\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task CustomOperation_AttributeWordsAreCheckedAgainstTheType()
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(["frob", "indent=4", "--type", "listener", "-b", server.Bus]);

        Assert.Equal("ValidationError: Unknown attribute 'indent' for 'io.skupper.router.listener'\n", run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task CustomOperation_EmptyResult_PrintsNothing()
    {
        await using var server = Echo(new List<object?>());

        var run = await ToolRun.SkmanageAsync(["GET-LOG", "limit=2", "-b", server.Bus]);

        Assert.Equal((0, ""), (run.ExitCode, run.Stdout));
        Assert.Equal("2", server.Requests.Single().Property("limit"));
    }

    /// <summary>--properties goes through Python's dict.update: a map, or a sequence of two-item sequences.</summary>
    [Theory(Timeout = 30_000)]
    [InlineData("5", "TypeError: 'int' object is not iterable")]
    [InlineData("null", "TypeError: 'NoneType' object is not iterable")]
    [InlineData("\"ab\"", "ValueError: dictionary update sequence element #0 has length 1; 2 is required")]
    [InlineData("[1]", "TypeError: cannot convert dictionary update sequence element #0 to a sequence")]
    [InlineData("[\"ab\", \"xyz\"]", "ValueError: dictionary update sequence element #1 has length 3; 2 is required")]
    [InlineData("[[[1], 2]]", "TypeError: unhashable type: 'list'")]
    [InlineData("[[1, 2]]", "TypeError: keywords must be strings")]
    public async Task CustomOperation_PropertiesThatAreNotAMap_FailAsDictUpdate(string properties, string error)
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(["frob", "--properties", properties, "-b", server.Bus]);

        Assert.Equal((1, error + "\n"), (run.ExitCode, run.Stdout));
        Assert.Empty(server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task CustomOperation_PropertiesAsPairs_AreSent()
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(["frob", "--properties", "[\"ab\", [\"limit\", 3]]", "-b", server.Bus]);

        Assert.Equal(0, run.ExitCode);
        var request = server.Requests.Single();
        Assert.Equal(["operation", "a", "limit"], PropertyKeys(request));
        Assert.Equal("b", request.Property("a"));
        Assert.Equal(3L, Convert.ToInt64(request.Property("limit"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact(Timeout = 30_000)]
    public async Task CustomOperation_InvalidJsonBody_IsValueError()
    {
        await using var server = Echo();

        var run = await ToolRun.SkmanageAsync(["frob", "--body", "{bad", "-b", server.Bus]);

        Assert.Equal(
            "ValueError: Invalid JSON '{bad': Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\n",
            run.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task UrlPath_IsTheManagementAddress()
    {
        await using var server = Echo(new List<object?>());

        await ToolRun.SkmanageAsync(["get-mgmt-nodes", "-b", $"amqp://127.0.0.1:{server.Port}/_topo/0/R2/$management"]);

        Assert.Equal("_topo/0/R2/$management", server.Requests.Single().LinkTarget);
    }
}
