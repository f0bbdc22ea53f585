using Skrouterd.Cli.Hosting;
using Skrouterd.Cli.Management;

namespace Skrouterd.Cli.Skmanage;

/// <summary>skmanage: parse, require an operation word, connect, run it, close.</summary>
internal static class SkmanageTool
{
    public static Task<int> RunAsync(IReadOnlyList<string> argv, ToolConsole console, string? containerId = null) =>
        ToolRunner.RunAsync(console, async () =>
        {
            var parser = SkmanageOptions.CreateParser();
            var opts = parser.Parse(argv);
            var args = opts.Extras;
            if (args.Count == 0)
            {
                throw parser.Error("No operation specified");
            }

            var settings = ConnectionOptions.ToSettings(opts, containerId ?? Guid.NewGuid().ToString("D"));
            var node = await ManagementNode.ConnectAsync(settings, opts.GetString("router"), opts.GetString("edge_router")).ConfigureAwait(false);
            try
            {
                string operation = args[0];
                args.RemoveAt(0);
                await new SkmanageCommand(node, opts, args, parser, console.Out, console.In).RunAsync(operation).ConfigureAwait(false);
            }
            finally
            {
                await node.CloseAsync().ConfigureAwait(false);
            }
        });
}
