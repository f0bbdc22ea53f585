using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Daemon;

/// <summary>
/// Broken configuration files (management-and-deployment.md §1.5): `skrouterd -c FILE` exits 1 and its stderr names the
/// file and what is wrong (entity, attribute, value), without a stack trace.
/// </summary>
public sealed class ConfigErrorTests(ITestOutputHelper output) : InteropTest(output)
{
    public static TheoryData<string, string, string, string[]> Cases => new()
    {
        { "unknown-entity.json", """[["router", {"id": "X"}], ["frobnicator", {"name": "f"}]]""", "1", ["frobnicator", "No such entity type"] },
        { "unknown-attribute.json", """[["router", {"id": "X"}], ["listener", {"port": 0, "colour": "blue"}]]""", "1", ["listener", "colour"] },
        { "bad-value.json", """[["router", {"id": "X"}], ["listener", {"port": 0, "maxFrameSize": "huge"}]]""", "1", ["listener", "maxFrameSize", "huge"] },
        { "bad-enum.json", """[["router", {"id": "X", "mode": "solo"}]]""", "1", ["router", "mode", "solo"] },
        { "missing-required.json", """[["router", {"id": "X"}], ["tcpListener", {"address": "svc"}]]""", "1", ["tcpListener", "port"] },
        { "duplicate-singleton.json", """[["router", {"id": "X"}], ["router", {"id": "Y"}]]""", "1", ["router"] },
        { "standalone-inter-router.json", """[["router", {"id": "X", "mode": "standalone"}], ["listener", {"port": 0, "role": "inter-router"}]]""", "1", ["listener", "inter-router", "standalone"] },
        { "address-without-prefix.json", """[["router", {"id": "X"}], ["address", {"distribution": "multicast"}]]""", "1", ["address", "prefix"] },
        { "syntax-error.conf", "router {\n    id: X\n\nlistener {\n    port: 0\n}\n", "1", ["router"] },
        { "bad-json.json", """[["router", {"id": "X"}""", "1", [] },
        { "empty.json", "", "1", ["empty"] },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task BrokenConfig_Exits1_NamingFileAndProblem(string fileName, string content, string line, string[] fragments)
    {
        string path = Path.Combine(TempDir, fileName);
        await File.WriteAllTextAsync(path, content);
        var router = Track(RouterProcess.Launch("config-error", path));
        int code = await router.WaitForExitAsync(RouterProcess.StartTimeout);

        Assert.Equal(1, code);
        var message = Assert.Single(router.StderrLines, l => l.StartsWith("skrouterd: ", StringComparison.Ordinal));
        Assert.Contains(fileName, message);
        if (content.Length > 0)
        {
            Assert.Contains($"{fileName}:{line}", message);
        }

        foreach (var f in fragments)
        {
            Assert.Contains(f, message);
        }

        Assert.Contains(router.StderrLines, l => l.Contains("ROUTER (critical) Router start-up failed: ", StringComparison.Ordinal));
        Assert.DoesNotContain(router.StderrLines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(router.StderrLines, l => l.Contains("SERVER (info) Operational", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task ConfFormat_Starts_AndServes()
    {
        // The legacy format (management-and-deployment.md §1.3), written as the C router's system tests write it.
        string path = Path.Combine(TempDir, "legacy.conf");
        await File.WriteAllTextAsync(path, """
            # legacy syntax
            router {
                id: Legacy
                mode: standalone
            }

            listener {
                name: amqp
                host: 127.0.0.1
                port: 0
                authenticatePeer: no
                saslMechanisms: ANONYMOUS
            }

            address {
                prefix: multicast
                distribution: multicast
            }
            """);
        var router = Track(RouterProcess.Launch("Legacy", path));
        await router.WaitOperationalAsync();
        await router.WaitForLogAsync("Created address with Prefix=multicast and distribution=multicast", EventTimeout);
        var done = await RunClientAsync("client", "connect.py", ["--url", router.Url(), "--timeout", ScriptTimeout]);
        Assert.True(done.Bool("roundtrip"));
    }

    [Fact(Timeout = 60_000)]
    public async Task MissingFile_Exits1_NamingFile()
    {
        string path = Path.Combine(TempDir, "does-not-exist.json");
        var router = Track(RouterProcess.Launch("config-error", path));
        int code = await router.WaitForExitAsync(RouterProcess.StartTimeout);

        Assert.Equal(1, code);
        var message = Assert.Single(router.StderrLines, l => l.StartsWith("skrouterd: ", StringComparison.Ordinal));
        Assert.Contains("does-not-exist.json", message);
        Assert.Contains("could not be opened", message);
    }
}
