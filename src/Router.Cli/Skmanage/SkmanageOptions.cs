using Skrouterd.Cli.CommandLine;
using Skrouterd.Cli.Hosting;

namespace Skrouterd.Cli.Skmanage;

/// <summary>skmanage's options (command.py <c>_skmanage_parser</c>); unclaimed arguments are the operation and its ATTR[=VALUE] words.</summary>
internal static class SkmanageOptions
{
    public const int DefaultIndent = 2;

    public static ArgumentParser CreateParser()
    {
        OptionSpec[] options =
        [
            .. ConnectionOptions.Leading,
            new(["-r", "--router"], "router", OptionAction.Store),
            new(["-d", "--edge-router"], "edge_router", OptionAction.Store),
            new(["--type"], "type", OptionAction.Store),
            new(["--name"], "name", OptionAction.Store),
            new(["--identity"], "identity", OptionAction.Store),
            new(["--indent"], "indent", OptionAction.Store, OptionValueType.Int),
            new(["--stdin"], "stdin", OptionAction.StoreTrue),
            new(["--body"], "body", OptionAction.Store),
            new(["--properties"], "properties", OptionAction.Store),
            .. ConnectionOptions.Connection,
        ];
        return new ArgumentParser("skmanage <operation>", SkmanageHelp.Usage, SkmanageHelp.Help, ConnectionOptions.Version, options, allowUnknown: true);
    }
}
