using Skrouterd.Cli.CommandLine;
using Skrouterd.Cli.Skmanage;
using Skrouterd.Cli.Skstat;
using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.CommandLine;

/// <summary>
/// Option parsing must accept, reject and word errors exactly as the 2.7.6 tools' argparse parsers do (expected
/// texts recorded from argparse with command.py's parser definitions).
/// </summary>
public sealed class ArgumentParserTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("-g -c", "argument -c/--connections: not allowed with argument -g/--general")]
    [InlineData("-c -g", "argument -g/--general: not allowed with argument -c/--connections")]
    [InlineData("--limit x", "argument --limit: invalid int value: 'x'")]
    [InlineData("--limit 1.5", "argument --limit: invalid int value: '1.5'")]
    [InlineData("-t", "argument -t/--timeout: expected one argument")]
    [InlineData("-t x", "argument -t/--timeout: invalid float value: 'x'")]
    [InlineData("--bogus", "unrecognized arguments: --bogus")]
    [InlineData("foo", "unrecognized arguments: foo")]
    [InlineData("-- foo", "unrecognized arguments: -- foo")]
    [InlineData("-x", "unrecognized arguments: -x")]
    [InlineData("--ssl", "ambiguous option: --ssl could match --ssl-certificate, --ssl-key, --ssl-trustfile, --ssl-password, --ssl-password-file, --ssl-disable-peer-name-verify")]
    [InlineData("--v", "ambiguous option: --v could match --version, --verbose, --vhosts, --vhostgroups, --vhoststats")]
    [InlineData("--all-routers -r X", "argument -r/--router: not allowed with argument --all-routers")]
    [InlineData("-r A -d B", "argument -d/--edge-router: not allowed with argument -r/--router")]
    [InlineData("-vx", "argument -v/--verbose: ignored explicit argument 'x'")]
    [InlineData("--csv=1", "argument --csv: ignored explicit argument '1'")]
    [InlineData("--ssl-d=1", "argument --ssl-disable-peer-name-verify: ignored explicit argument '1'")]
    [InlineData("-b -x", "argument -b/--bus: expected one argument")]
    public async Task Skstat_UsageErrors_PrintUsageAndExit2(string args, string message)
    {
        var run = await ToolRun.SkstatAsync(args.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(SkstatHelp.Usage + "skstat: error: " + message + "\n", run.Stderr);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("query --type", "argument --type: expected one argument")]
    [InlineData("--indent x query", "argument --indent: invalid int value: 'x'")]
    [InlineData("query --name -x", "argument --name: expected one argument")]
    [InlineData("--ver", "ambiguous option: --ver could match --version, --verbose")]
    [InlineData("-v", "No operation specified")]
    public async Task Skmanage_UsageErrors_PrintUsageAndExit2(string args, string message)
    {
        var run = await ToolRun.SkmanageAsync(args.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(SkmanageHelp.Usage + "skmanage <operation>: error: " + message + "\n", run.Stderr);
    }

    [Fact(Timeout = 30_000)]
    public async Task Help_PrintsArgparseHelpAndExits0()
    {
        var skstat = await ToolRun.SkstatAsync(["-h", "--bogus"]);
        var skmanage = await ToolRun.SkmanageAsync(["--help"]);

        Assert.Equal((0, SkstatHelp.Help), (skstat.ExitCode, skstat.Stdout));
        Assert.Equal((0, SkmanageHelp.Help), (skmanage.ExitCode, skmanage.Stdout));
        Assert.StartsWith("usage: skstat [-h] [--version] [-v]\n", SkstatHelp.Help);
    }

    [Fact(Timeout = 30_000)]
    public async Task Version_PrintsRouterVersion()
    {
        var run = await ToolRun.SkstatAsync(["--vers"]);

        Assert.Equal((0, "2.7.6\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
    }

    [Fact]
    public void Skstat_ParsesValuesFlagsAndAbbreviations()
    {
        var opts = SkstatOptions.Parse(["-vv", "-v", "--lin", "--limit", "-3", "-bhost:1", "--timeout=2.5", "--csv", "--edge-r", "E1"]);

        Assert.Equal(SkstatDisplay.Links, opts.Show);
        Assert.Equal(3, opts.Verbose);
        Assert.Equal(-3, opts.Limit);
        Assert.True(opts.Csv);
        Assert.Equal("E1", opts.EdgeRouter);
        Assert.Equal("host:1", opts.Args.GetString("bus"));
        Assert.Equal(2.5, opts.Args.GetDouble("timeout"));
    }

    [Fact]
    public void Skstat_DefaultsToGeneral_AndRepeatingAnOptionIsAllowed()
    {
        Assert.Equal(SkstatDisplay.General, SkstatOptions.Parse([]).Show);
        Assert.Equal(SkstatDisplay.Connections, SkstatOptions.Parse(["-c", "-c"]).Show);
        Assert.Equal("B", SkstatOptions.Parse(["-r", "A", "-r", "B"]).Router);
    }

    [Fact]
    public void Skmanage_UnknownWordsAndOptionsBecomeExtras()
    {
        var parsed = SkmanageOptions.CreateParser().Parse(["create", "--ty=tcpListener", "--foo", "bar", "-x", "port=1", "--", "--name", "x", "--indent", "-1"]);

        Assert.Equal(["create", "--foo", "bar", "-x", "port=1", "--", "--name", "x", "--indent", "-1"], parsed.Extras);
        Assert.Equal("tcpListener", parsed.GetString("type"));
        Assert.Null(parsed.GetString("name"));
    }

    [Theory]
    [InlineData(" 12 ", 12L)]
    [InlineData("+7", 7L)]
    [InlineData("1_000", 1000L)]
    [InlineData("1__0", null)]
    [InlineData("0x10", null)]
    public void PythonInt_AcceptsWhatIntAccepts(string text, long? expected) =>
        Assert.Equal(expected, ArgumentParser.PythonInt(text));

    [Theory]
    [InlineData("1e3", 1000.0)]
    [InlineData(" .5 ", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("1_0.5", 10.5)]
    [InlineData("e3", null)]
    public void PythonFloat_AcceptsWhatFloatAccepts(string text, double? expected) =>
        Assert.Equal(expected, ArgumentParser.PythonFloat(text));
}
