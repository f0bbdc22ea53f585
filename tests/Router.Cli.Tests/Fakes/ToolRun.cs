using System.Globalization;
using Skrouterd.Cli.Hosting;
using Skrouterd.Cli.Skmanage;
using Skrouterd.Cli.Skstat;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>Runs skstat or skmanage in-process with captured standard streams.</summary>
internal sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<ToolRun> SkstatAsync(string[] args, TimeProvider? clock = null, string? containerId = null)
    {
        var (console, stdout, stderr) = Console("");
        int code = await SkstatTool.RunAsync(args, console, clock, containerId);
        return new ToolRun(code, stdout.ToString(), stderr.ToString());
    }

    public static async Task<ToolRun> SkmanageAsync(string[] args, string stdin = "", string? containerId = null)
    {
        var (console, stdout, stderr) = Console(stdin);
        int code = await SkmanageTool.RunAsync(args, console, containerId);
        return new ToolRun(code, stdout.ToString(), stderr.ToString());
    }

    private static (ToolConsole Console, StringWriter Stdout, StringWriter Stderr) Console(string stdin)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var stderr = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        return (new ToolConsole(stdout, stderr, new StringReader(stdin)), stdout, stderr);
    }
}
