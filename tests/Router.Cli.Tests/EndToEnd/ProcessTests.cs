using System.Diagnostics;
using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.EndToEnd;

/// <summary>The built skstat and skmanage executables: streams and exit codes as Skupper sees them.</summary>
public sealed class ProcessTests
{
    private static async Task<ToolRun> RunAsync(string tool, params string[] args)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, tool + ".dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }

    [Fact(Timeout = 90_000)]
    public async Task Version_Exit0()
    {
        var run = await RunAsync("skstat", "--version");
        Assert.Equal((0, "2.7.6\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
    }

    [Fact(Timeout = 90_000)]
    public async Task UsageError_Exit2OnStderr()
    {
        var run = await RunAsync("skmanage");
        Assert.Equal((2, ""), (run.ExitCode, run.Stdout));
        Assert.EndsWith("skmanage <operation>: error: No operation specified\n", run.Stderr);
    }

    [Fact(Timeout = 90_000)]
    public async Task ManagementError_Exit1OnStdout()
    {
        await using var server = new FakeManagementServer(r => FakeReply.Status(r, 404, "No entity with name='x'", null));

        var run = await RunAsync("skmanage", "read", "--type", "listener", "--name", "x", "-b", server.Bus);

        Assert.Equal((1, "NotFoundStatus: No entity with name='x'\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
    }

    [Fact(Timeout = 90_000)]
    public async Task Query_Exit0WithJsonOnStdout()
    {
        await using var server = new FakeManagementServer(r => FakeReply.Ok(r, new Amqp.Codec.AmqpMap
        {
            { "attributeNames", new List<object?> { "id", "name" } },
            { "results", new List<object?> { new List<object?> { "Router.A", "router/Router.A" } } },
        }));

        var run = await RunAsync("skmanage", "query", "--type", "router", "-b", server.Bus);

        Assert.Equal((0, "[\n  {\n    \"id\": \"Router.A\",\n    \"name\": \"router/Router.A\"\n  }\n]\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
    }
}
