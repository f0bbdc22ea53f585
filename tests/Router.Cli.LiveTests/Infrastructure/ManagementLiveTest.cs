using System.Text.Json;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Cli.LiveTests.Infrastructure;

/// <summary><see cref="LiveTest"/> with the skmanage/skstat runs the management tests repeat.</summary>
public abstract class ManagementLiveTest(ITestOutputHelper output) : LiveTest(output)
{
    /// <summary>Runs skmanage; it must exit 0 with nothing on stderr. Returns stdout.</summary>
    private protected async Task<string> SkmanageOkAsync(RouterProcess router, params string[] arguments)
    {
        var run = await SkmanageAsync(router, arguments);
        Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.ToString());
        return run.Stdout;
    }

    /// <summary>Runs skmanage and parses its JSON output, checking Python's json.dumps(indent=2) layout.</summary>
    private protected async Task<JsonElement> SkmanageJsonAsync(RouterProcess router, params string[] arguments) =>
        PythonJsonLayout.Parse(await SkmanageOkAsync(router, arguments));

    /// <summary><c>skmanage query --type TYPE [ATTR...]</c> as a list of rows.</summary>
    private protected async Task<List<JsonElement>> QueryAsync(RouterProcess router, string type, params string[] attributes) =>
        [.. (await SkmanageJsonAsync(router, ["query", "--type", type, .. attributes])).EnumerateArray()];

    /// <summary>Runs skmanage, which must fail: exit 1, nothing on stderr; returns stdout.</summary>
    private protected async Task<string> SkmanageFailsAsync(RouterProcess router, params string[] arguments)
    {
        var run = await SkmanageAsync(router, arguments);
        Assert.True(run.ExitCode == 1 && run.Stderr.Length == 0, run.ToString());
        return run.Stdout;
    }

    /// <summary><c>skstat -g</c> as attribute → value.</summary>
    private protected async Task<Dictionary<string, string>> GeneralAsync(RouterProcess router) =>
        (await SkstatTableAsync(router, "Router Statistics", Headings.General, "-g")).Rows.ToDictionary(r => r[0], r => r[1]);
}
