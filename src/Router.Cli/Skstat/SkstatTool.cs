using Skrouterd.Cli.Hosting;
using Skrouterd.Cli.Management;

namespace Skrouterd.Cli.Skstat;

/// <summary>skstat: parse the command line, connect, run the display, close.</summary>
internal static class SkstatTool
{
    /// <param name="clock">Source of the UTC header line (tests pin it); the network uses real time.</param>
    public static Task<int> RunAsync(IReadOnlyList<string> argv, ToolConsole console, TimeProvider? clock = null, string? containerId = null) =>
        ToolRunner.RunAsync(console, async () =>
        {
            var opts = SkstatOptions.Parse(argv);
            var settings = ConnectionOptions.ToSettings(opts.Args, containerId ?? Guid.NewGuid().ToString("D"));
            var node = await ManagementNode.ConnectAsync(settings, opts.Router, opts.EdgeRouter).ConfigureAwait(false);
            try
            {
                await new SkstatCommand(node, opts, console.Out, clock ?? TimeProvider.System).DisplayAsync().ConfigureAwait(false);
            }
            finally
            {
                await node.CloseAsync().ConfigureAwait(false);
            }
        });
}
