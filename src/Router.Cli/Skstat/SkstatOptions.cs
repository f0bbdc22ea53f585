using Skrouterd.Cli.CommandLine;
using Skrouterd.Cli.Hosting;

namespace Skrouterd.Cli.Skstat;

/// <summary>skstat's command line (command.py <c>_skstat_parser</c>).</summary>
internal sealed record SkstatOptions(
    SkstatDisplay Show,
    bool AllRouters,
    string? Router,
    string? EdgeRouter,
    long? Limit,
    bool Csv,
    int Verbose,
    ParsedArgs Args)
{
    private const int DisplayGroup = 1;
    private const int TargetGroup = 2;

    public static ArgumentParser CreateParser()
    {
        OptionSpec Display(string[] flags, SkstatDisplay show) =>
            new(flags, "show", OptionAction.StoreConst, Const: show.ToString(), ExclusiveGroup: DisplayGroup);

        OptionSpec[] options =
        [
            .. ConnectionOptions.Leading,
            Display(["-g", "--general"], SkstatDisplay.General),
            Display(["-c", "--connections"], SkstatDisplay.Connections),
            Display(["-l", "--links"], SkstatDisplay.Links),
            Display(["-n", "--nodes"], SkstatDisplay.Nodes),
            Display(["-e", "--edge"], SkstatDisplay.Edges),
            Display(["-a", "--address"], SkstatDisplay.Addresses),
            Display(["-m", "--memory"], SkstatDisplay.Memory),
            Display(["-p", "--policy"], SkstatDisplay.Policy),
            Display(["--autolinks"], SkstatDisplay.Autolinks),
            Display(["--vhosts"], SkstatDisplay.Vhosts),
            Display(["--vhostgroups"], SkstatDisplay.Vhostgroups),
            Display(["--vhoststats"], SkstatDisplay.Vhoststats),
            Display(["--log"], SkstatDisplay.Log),
            Display(["--all-entities"], SkstatDisplay.AllEntities),
            new(["--all-routers"], "all_routers", OptionAction.StoreTrue, ExclusiveGroup: TargetGroup),
            new(["-r", "--router"], "router", OptionAction.Store, ExclusiveGroup: TargetGroup),
            new(["-d", "--edge-router"], "edge_router", OptionAction.Store, ExclusiveGroup: TargetGroup),
            new(["--limit"], "limit", OptionAction.Store, OptionValueType.Int),
            new(["--csv"], "csv", OptionAction.StoreTrue),
            .. ConnectionOptions.Connection,
        ];
        return new ArgumentParser("skstat", SkstatHelp.Usage, SkstatHelp.Help, ConnectionOptions.Version, options, allowUnknown: false);
    }

    public static SkstatOptions Parse(IReadOnlyList<string> argv)
    {
        var args = CreateParser().Parse(argv);
        var show = args.GetString("show") is { } s ? Enum.Parse<SkstatDisplay>(s) : SkstatDisplay.General;
        return new SkstatOptions(
            show,
            args.GetFlag("all_routers"),
            args.GetString("router"),
            args.GetString("edge_router"),
            args.GetInt("limit"),
            args.GetFlag("csv"),
            args.GetCount("verbose"),
            args);
    }
}
