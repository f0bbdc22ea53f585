using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Daemon;

/// <summary>The command line (management-and-deployment.md §1.7), including the C router's `-h` quirk.</summary>
public sealed class CommandLineTests(ITestOutputHelper output) : InteropTest(output)
{
    private async Task<ChildProcess> RunAsync(params string[] arguments)
    {
        var p = Track(ChildProcess.Start("skrouterd " + string.Join(' ', arguments), RepoLayout.Dotnet, [RepoLayout.DaemonDll, .. arguments], TempDir));
        await p.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return p;
    }

    [Theory(Timeout = 60_000)]
    [InlineData("-v")]
    [InlineData("--version")]
    public async Task Version_Prints276(string option)
    {
        var p = await RunAsync(option);
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(["2.7.6"], p.StdoutLines);
    }

    [Fact(Timeout = 60_000)]
    public async Task LongHelp_PrintsUsage_Exits0()
    {
        var p = await RunAsync("--help");
        Assert.Equal(0, p.ExitCode);
        Assert.StartsWith("Usage: skrouterd", p.StdoutLines[0]);
        Assert.Contains(p.StdoutLines, l => l.Contains("-c, --config=PATH (/etc/skupper-router/skrouterd.conf)"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(new[] { "-h" }, "option requires an argument -- 'h'")]
    [InlineData(new[] { "--frobnicate" }, "unrecognized option '--frobnicate'")]
    [InlineData(new[] { "-q" }, "invalid option -- 'q'")]
    [InlineData(new[] { "-c", "x.json", "extra" }, "Unexpected arguments: extra")]
    public async Task UsageError_PrintsUsage_Exits1(string[] arguments, string complaint)
    {
        var p = await RunAsync(arguments);
        Assert.Equal(1, p.ExitCode);
        Assert.Contains(p.StderrLines, l => l.Contains(complaint));
        Assert.StartsWith("Usage: skrouterd", p.StdoutLines[0]);
    }
}
