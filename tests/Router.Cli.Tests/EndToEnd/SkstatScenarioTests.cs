using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.EndToEnd;

/// <summary>
/// Every skstat display end to end against a fake agent serving a scenario; the expected output is what the real
/// skstat 2.7.6 display code printed for the same data (see Scenarios/README.md).
/// </summary>
public sealed class SkstatScenarioTests
{
    private static readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 21, 6, 56, 10, TimeSpan.Zero).AddTicks(4_040_660));

    public static TheoryData<string, string, string, int> Cases()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Scenarios", "cases.txt")))
        {
            var f = line.Split('|');
            data.Add(f[0], f[1], f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Cases))]
    public async Task Display_PrintsWhatSkstatPrints(string scenario, string label, string args, int exitCode)
    {
        var agent = new ScenarioAgent(scenario);
        await using var server = new FakeManagementServer(agent.Answer);
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", $"{scenario}.{label}.out"));

        var run = await ToolRun.SkstatAsync([.. args.Split(' '), "-b", server.Bus], _clock);

        Assert.Equal(expected, run.Stdout);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal("", run.Stderr);
    }
}
