using Skrouterd.Cli.LiveTests.Infrastructure;
using Xunit;

namespace Skrouterd.Cli.LiveTests;

/// <summary>
/// The table parser and headings the live tests use read the C tools' own outputs (shared/captures/04-management.*)
/// and lay them out again identically, so a live output that parses has the C tools' layout.
/// </summary>
public sealed class GoldenLayoutTests
{
    private static string[] Golden(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captures", "04-management." + name + ".txt")).TrimEnd('\n').Split('\n');

    public static TheoryData<string, string, string> Displays => new()
    {
        { "skstat-g", "Router Statistics", nameof(Headings.General) },
        { "skstat-c", "Connections", nameof(Headings.Connections) },
        { "skstat-l", "Router Links", nameof(Headings.Links) },
        { "skstat-a", "Router Addresses", nameof(Headings.Addresses) },
    };

    [Theory]
    [MemberData(nameof(Displays))]
    public void GoldenOutput_ParsesAndRendersIdentically(string file, string title, string headings)
    {
        var body = SkstatTable.AfterHeader(Golden(file), "Router.A");
        int index = 0;
        var table = SkstatTable.Parse(body, ref index, title, (string[])typeof(Headings).GetField(headings)!.GetValue(null)!);
        Assert.Equal(body.Length, index);
        Assert.NotEmpty(table.Rows);
    }

    [Fact]
    public void Parser_RejectsWrongWidths()
    {
        string[] lines = ["T", "  a    b", "  =====", "  x    y"]; // column a is 5 wide where the rule gives 3
        int index = 0;
        Assert.ThrowsAny<Exception>(() => SkstatTable.Parse(lines, ref index, "T", ["a", "b"]));
    }
}
