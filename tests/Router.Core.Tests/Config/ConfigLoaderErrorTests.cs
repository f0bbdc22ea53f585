using Skrouterd.Config;
using Xunit;

namespace Skrouterd.Tests.Config;

public sealed class ConfigLoaderErrorTests : IDisposable
{
    private readonly ConfigTestFiles _files = new();

    private const string Interior = "  [\"router\", {\"id\": \"R1\", \"mode\": \"interior\"}],\n";
    private const string Edge = "  [\"router\", {\"id\": \"E1\", \"mode\": \"edge\"}],\n";
    private const string Standalone = "  [\"router\", {\"id\": \"S1\", \"mode\": \"standalone\"}],\n";

    private static string Json(string routerLine, string entityLine) => "[\n" + routerLine + "  " + entityLine + "\n]\n";

    /// <summary>
    /// case, file name, content, expected line, expected entity type, expected entity name, expected attribute,
    /// expected fragment of the detail text.
    /// </summary>
    public static TheoryData<string, string, string, int, string?, string?, string?, string> BrokenConfigs => new()
    {
        {
            "unknown entity type", "a.json", Json(Interior, "[\"listner\", {\"name\": \"amqp\", \"port\": 5672}]"),
            3, "listner", "amqp", null, "No such entity type 'listner'"
        },
        {
            "unknown attribute", "a.json", Json(Interior, "[\"listener\", {\"name\": \"amqp\", \"prot\": 5672}]"),
            3, "listener", "amqp", "prot", "Unknown attribute 'prot' for 'io.skupper.router.listener'"
        },
        {
            "bad integer", "a.json", Json(Interior, "[\"listener\", {\"name\": \"amqp\", \"maxFrameSize\": \"big\"}]"),
            3, "listener", "amqp", "maxFrameSize", "Invalid integer value 'big' for attribute 'maxFrameSize'"
        },
        {
            "bad boolean", "a.json", Json(Interior, "[\"listener\", {\"name\": \"amqp\", \"authenticatePeer\": \"maybe\"}]"),
            3, "listener", "amqp", "authenticatePeer", "Invalid Boolean value 'maybe' for attribute 'authenticatePeer'"
        },
        {
            "bad enum", "a.json", Json(Interior, "[\"listener\", {\"name\": \"amqp\", \"role\": \"leader\"}]"),
            3, "listener", "amqp", "role", "Invalid value 'leader' for attribute 'role': must be one of 'normal', 'inter-router'"
        },
        {
            "enum index out of range", "a.json", Json(Interior, "[\"listener\", {\"name\": \"amqp\", \"role\": 9}]"),
            3, "listener", "amqp", "role", "Invalid value '9' for attribute 'role'"
        },
        {
            "missing required attribute", "a.json",
            Json(Interior, "[\"tcpConnector\", {\"name\": \"echo\", \"port\": \"9090\", \"address\": \"echo\"}]"),
            3, "tcpConnector", "echo", "host", "Missing required attribute 'host'"
        },
        {
            "duplicate name", "a.json",
            "[\n" + Interior + "  [\"listener\", {\"name\": \"amqp\", \"port\": 5672}],\n  [\"listener\", {\"name\": \"amqp\", \"port\": 5673}]\n]\n",
            4, "listener", "amqp", "name", "Duplicate value 'amqp' for unique attribute 'name': already used by listener \"amqp\" at line 3"
        },
        {
            "duplicate name across types", "a.json",
            "[\n" + Interior + "  [\"listener\", {\"name\": \"x\", \"port\": 5672}],\n  [\"tcpListener\", {\"name\": \"x\", \"port\": 9000, \"address\": \"a\"}]\n]\n",
            4, "tcpListener", "x", "name", "already used by listener \"x\" at line 3"
        },
        {
            "two router entities", "a.json", Json(Interior, "[\"router\", {\"id\": \"R2\", \"mode\": \"interior\"}]"),
            3, "router", null, null, "Only one 'router' entity is allowed; another is configured at line 2"
        },
        {
            "standalone router with inter-router listener", "a.json",
            Json(Standalone, "[\"listener\", {\"name\": \"ir\", \"port\": 55671, \"role\": \"inter-router\"}]"),
            3, "listener", "ir", "role", "role='inter-router' is not allowed: a router in mode='standalone'"
        },
        {
            "standalone router with edge connector", "a.json",
            Json(Standalone, "[\"connector\", {\"name\": \"up\", \"host\": \"h\", \"port\": 45671, \"role\": \"edge\"}]"),
            3, "connector", "up", "role", "role='edge' is not allowed"
        },
        {
            "edge router with inter-router connector", "a.json",
            Json(Edge, "[\"connector\", {\"name\": \"ir\", \"host\": \"h\", \"port\": 55671, \"role\": \"inter-router\"}]"),
            3, "connector", "ir", "role", "role='inter-router' only allowed with router mode='interior'"
        },
        {
            "edge router with edge listener", "a.json",
            Json(Edge, "[\"listener\", {\"name\": \"edges\", \"port\": 45671, \"role\": \"edge\"}]"),
            3, "listener", "edges", "role", "role='edge' listeners only allowed with router mode='interior'"
        },
        {
            "router id with $", "a.json", "[\n  [\"router\", {\"id\": \"site-${HOSTNAME}\", \"mode\": \"interior\"}]\n]\n",
            2, "router", null, "id", "Router ID \"site-${HOSTNAME}\" containes at least one illegal character (\"|$\")."
        },
        {
            "router id with |", "a.json", "[\n  [\"router\", {\"id\": \"a|b\"}]\n]\n",
            2, "router", null, "id", "Router ID \"a|b\" containes at least one illegal character (\"|$\")."
        },
        {
            "router id with a space", "a.json", "[\n  [\"router\", {\"id\": \"my router\"}]\n]\n",
            2, "router", null, "id", "Router id attribute containing character ' ' in id 'my router' is disallowed."
        },
        {
            "cost out of range", "a.json",
            Json(Interior, "[\"connector\", {\"name\": \"c\", \"host\": \"h\", \"port\": 1, \"role\": \"inter-router\", \"cost\": 0}]"),
            3, "connector", "c", "cost", "Invalid cost (0) specified"
        },
        {
            "log module not in 2.7", "a.json", Json(Interior, "[\"log\", {\"module\": \"AUTHSERVICE\", \"enable\": \"info+\"}]"),
            3, "log", null, "module", "Invalid value 'AUTHSERVICE' for attribute 'module'"
        },
        {
            "duplicate log module", "a.json",
            "[\n" + Interior + "  [\"log\", {\"module\": \"ROUTER\"}],\n  [\"log\", {\"module\": \"ROUTER\", \"enable\": \"debug+\"}]\n]\n",
            4, "log", null, "module", "Duplicate log entity for module 'ROUTER'"
        },
        {
            "fully-qualified type name", "a.json", Json(Interior, "[\"io.skupper.router.listener\", {\"name\": \"l\"}]"),
            3, "ioSkupperRouterListener", "l", null, "No such entity type 'ioSkupperRouterListener'"
        },
        {
            "operational type", "a.json", Json(Interior, "[\"connection\", {\"name\": \"c\"}]"),
            3, "connection", "c", null, "'io.skupper.router.connection' cannot be configured"
        },
        {
            "identity given", "a.json", Json(Interior, "[\"sslProfile\", {\"name\": \"p\", \"identity\": \"sslProfile/p\"}]"),
            3, "sslProfile", "p", "identity", "'identity' attribute cannot be specified"
        },
        {
            "type given", "a.json", Json(Interior, "[\"sslProfile\", {\"name\": \"p\", \"type\": \"sslProfile\"}]"),
            3, "sslProfile", "p", "type", "Attribute 'type' cannot be given"
        },
        {
            "openProperties not a map", "a.json", Json(Interior, "[\"listener\", {\"name\": \"l\", \"openProperties\": \"x\"}]"),
            3, "listener", "l", "openProperties", "Properties must be a map"
        },
        {
            "deprecated and current spelling both given", "a.json",
            Json(Interior, "[\"httpConnector\", {\"name\": \"h\", \"port\": 80, \"address\": \"a\", \"verifyHostName\": false, \"verifyHostname\": true}]"),
            3, "httpConnector", "h", "verifyHostName", "Both 'verifyHostName' and 'verifyHostname' cannot be specified for entity 'httpConnector'"
        },
        {
            "JSON syntax error", "a.json", "[\n  [\"router\", {\"id\": \"R1\"}]\n  [\"listener\", {\"port\": 5672}]\n]\n",
            3, null, null, null, "JSON syntax error"
        },
        {
            "JSON entry not a pair", "a.json", "[\n  [\"router\", {\"id\": \"R1\"}, 3]\n]\n",
            2, "router", null, null, "two-element array"
        },
        {
            "JSON top level not an array", "a.json", "# comment\n{\"router\": {\"id\": \"R1\"}}\n",
            2, null, null, null, "must be a JSON array"
        },
        {
            ".conf unterminated section", "a.conf", "router {\n    mode: interior\n    id: R1\n\nlistener {\n    name: amqp\n}\n",
            1, "router", null, null, "Section 'router' is not terminated: found the start of section 'listener' at line 5"
        },
        {
            ".conf section open at end of file", "a.conf", "router {\n    mode: interior\n}\nlistener {\n    name: amqp\n    port: 5672\n",
            4, "listener", "amqp", null, "Section 'listener' is not terminated"
        },
        {
            ".conf value with a quote", "a.conf", "router {\n    mode: interior\n}\nlistener {\n    name: amqp\n    saslMechanisms: \"ANONYMOUS\n}\n",
            4, "listener", "amqp", "saslMechanisms", "Invalid value for attribute 'saslMechanisms' at line 6"
        },
        {
            ".conf attribute outside a section", "a.conf", "router {\n    mode: interior\n}\nport: 5672\n",
            4, null, null, null, "Attribute outside of a section"
        },
        {
            ".conf unexpected closing brace", "a.conf", "router {\n    mode: interior\n}\n}\n",
            4, null, null, null, "Unexpected '}'"
        },
        {
            ".conf unknown attribute (camelCased)", "a.conf", "router {\n    mode: interior\n}\n\nlistener {\n    name: amqp\n    max_frame_sise: 100\n}\n",
            5, "listener", "amqp", "maxFrameSise", "Unknown attribute 'maxFrameSise' for 'io.skupper.router.listener'"
        },
        {
            ".conf bad JSON in openProperties", "a.conf",
            "router {\n    mode: interior\n}\nlistener {\n    name: l\n    openProperties: {\n        \"a\": nope\n    }\n}\n",
            4, "listener", "l", "openProperties", "Invalid JSON in the value of attribute 'openProperties'"
        },
        {
            ".conf bad boolean", "a.conf", "router {\n    mode: interior\n}\n# the amqp listener\nlistener {\n    name: amqp\n    authenticatePeer: sometimes\n}\n",
            5, "listener", "amqp", "authenticatePeer", "Invalid Boolean value 'sometimes'"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenConfigs))]
    public void BrokenConfig_ReportsFileLineEntityAndAttribute(
        string label, string fileName, string content, int line, string? entityType, string? entityName, string? attribute, string fragment)
    {
        string path = _files.Write(fileName, content);

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        string prefix = $"{path}:{line}: ";
        if (entityType is not null)
        {
            prefix += entityName is null ? $"{entityType}: " : $"{entityType} \"{entityName}\": ";
        }

        Assert.True(ex.Message.StartsWith(prefix, StringComparison.Ordinal), $"[{label}] expected prefix '{prefix}' in: {ex.Message}");
        Assert.True(ex.Message.Contains(fragment, StringComparison.Ordinal), $"[{label}] expected '{fragment}' in: {ex.Message}");
        Assert.Equal(path, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Equal(entityType, ex.EntityType);
        Assert.Equal(entityName, ex.EntityName);
        Assert.Equal(attribute, ex.Attribute);
        if (attribute is not null)
        {
            // The C router's own texts say "Router ID" / "Invalid cost"; the attribute is named, case aside.
            Assert.True(ex.Detail.Contains(attribute, StringComparison.OrdinalIgnoreCase), $"[{label}] attribute '{attribute}' not named in: {ex.Message}");
        }

        Assert.False(ex.Message.Contains('\n', StringComparison.Ordinal), $"[{label}] multi-line message: {ex.Message}");
    }

    [Fact]
    public void EmptyFile_Rejected()
    {
        string path = _files.Write("empty.json", string.Empty);

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.Equal($"{path}: Configuration file was empty", ex.Message);
    }

    [Fact]
    public void MissingFile_Rejected()
    {
        string path = Path.Combine(_files.Directory, "nope.conf");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.Equal($"{path}: Configuration file could not be opened", ex.Message);
    }

    [Fact]
    public void JsonSyntaxError_LineCountsCommentLines()
    {
        string path = _files.Write("c.json", "# one\n# two\n[\n  [\"router\", {\"id\": \"R1\",}]\n]\n");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.Equal(4, ex.Line);
        Assert.StartsWith($"{path}:4: JSON syntax error", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
