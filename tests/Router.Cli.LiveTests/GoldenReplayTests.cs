using System.Text.RegularExpressions;
using Skrouterd.Cli.LiveTests.Infrastructure;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Cli.LiveTests;

/// <summary>
/// The tool runs of shared/captures/04-management.md, in the same order, against our router configured as the
/// captured one (Router.A, interior, a normal and an inter-router listener). Every output is compared with the C
/// tools' golden output cell by cell, with only the values that change from run to run masked (the capture lists
/// them) and the known differences of our router named where they are masked.
/// </summary>
public sealed partial class GoldenReplayTests(ITestOutputHelper output) : LiveTest(output)
{
    private static string Golden(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captures", "04-management." + name + ".txt"));

    private static SkstatTable GoldenTable(string name, string title, string[] headings)
    {
        var body = SkstatTable.AfterHeader(Golden(name).TrimEnd('\n').Split('\n'), "Router.A");
        int index = 0;
        return SkstatTable.Parse(body, ref index, title, headings);
    }

    [Fact(Timeout = 120_000)]
    public async Task CapturedSequence_SameOutputs()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Router.A", "interior")
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false))
            .Listener("inter-router", ("role", "inter-router"), ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false)));

        // 1. skmanage query --type listener (the listeners' ports are the configured 0 here)
        var query = await SkmanageAsync(router, "query", "--type", "listener");
        Assert.Equal((0, Golden("skmanage-query-listener").Replace("24001", "0").Replace("24002", "0"), ""), (query.ExitCode, query.Stdout, query.Stderr));

        // 2. and 3. create and delete a tcpListener
        int port = FreePort();
        var create = await SkmanageAsync(router, "create", "--type", "tcpListener", "--name", "mgmt-tcp-listener", "host=127.0.0.1", $"port={port}", "address=mgmt-echo");
        Assert.Equal((0, Golden("skmanage-create-tcpListener").Replace("24100", port.ToString()), ""), (create.ExitCode, create.Stdout, create.Stderr));
        var delete = await SkmanageAsync(router, "delete", "--type", "tcpListener", "--name", "mgmt-tcp-listener");
        Assert.Equal((0, Golden("skmanage-delete-tcpListener"), ""), (delete.ExitCode, delete.Stdout, delete.Stderr));

        // 4. skstat -g: the counters are those of the captured router after the same three one-request runs.
        var general = await SkstatTableAsync(router, "Router Statistics", Headings.General, "-g");
        var goldenGeneral = GoldenTable("skstat-g", "Router Statistics", Headings.General);
        Assert.Equal(goldenGeneral.Column("attr"), general.Column("attr"));
        var ours = general.Rows.ToDictionary(r => r[0], r => r[1]);
        foreach (var (attr, value) in goldenGeneral.Rows.Select(r => (r[0], r[1])))
        {
            switch (attr)
            {
                case "Uptime":
                    Assert.Matches(@"^000:00:00:\d\d$", ours[attr]);
                    break;
                case "VmSize" or "RSS":
                    Assert.Matches(@"^\d+(\.\d+)? [KMG]iB$", ours[attr]);
                    break;
                case "Addresses":
                    // Known difference: the C router also lists the routing protocol's (qdhello, qdrouter,
                    // qdrouter.ma), edge/mesh and vanflow (sfe.*) addresses, 16 in all; ours has only the
                    // management addresses and the tool's reply address.
                    Assert.Equal("4", ours[attr]);
                    break;
                default:
                    Assert.True(value == ours[attr], $"-g {attr}: C printed '{value}', ours '{ours[attr]}'");
                    break;
            }
        }

        // 5. skstat -c: only the tool's own connection.
        var connections = await SkstatTableAsync(router, "Connections", Headings.Connections, "-c");
        var goldenConnections = GoldenTable("skstat-c", "Connections", Headings.Connections);
        AssertSameCells(goldenConnections, connections, new()
        {
            ["id"] = @"^\d+$",
            ["host"] = @"^127\.0\.0\.1:\d+$",
            ["container"] = @"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            ["last dlv"] = @"^000:00:00:0\d$",
            ["uptime"] = @"^000:00:00:0\d$",
        });

        // 7. an operation the entity type does not have
        var bogus = await SkmanageAsync(router, "FROBNICATE", "--type", "listener", "--name", "amqp");
        Assert.Equal((1, Golden("skmanage-bogus-operation"), ""), (bogus.ExitCode, bogus.Stdout, bogus.Stderr));

        // 8. skstat -l: the tool's request link (its second request in flight) and reply link.
        var links = await SkstatTableAsync(router, "Router Links", Headings.Links, "-l");
        var goldenLinks = GoldenTable("skstat-l", "Router Links", Headings.Links);
        var linkMasks = new Dictionary<string, string>
        {
            ["conn id"] = @"^\d+$",
            ["id"] = @"^\d+$",
        };
        AssertSameCells(Mask(goldenLinks, "addr", TempAddress(), "temp.*"), Mask(links, "addr", TempAddress(), "temp.*"), linkMasks);

        // 9. skstat -a: every row of ours is a row of the C router's (sorted by address the same way), the
        // management addresses in the same order; the C router has more (see Addresses above).
        var addresses = await SkstatTableAsync(router, "Router Addresses", Headings.Addresses, "-a");
        var goldenAddresses = GoldenTable("skstat-a", "Router Addresses", Headings.Addresses);
        string Key(string[] row, SkstatTable t) =>
            string.Join(" | ", row.Select((cell, i) => t.Headings[i] switch
            {
                "addr" when TempAddress().IsMatch(cell) => "temp.*",
                "in" when row[t.Index("addr")] == "$management" && row[t.Index("class")] == "mobile" => "*", // requests so far
                _ => cell,
            }));
        var goldenKeys = goldenAddresses.Rows.Select(r => Key(r, goldenAddresses)).ToList();
        var ourKeys = addresses.Rows.Select(r => Key(r, addresses)).ToList();
        Assert.All(ourKeys, k => Assert.Contains(k, goldenKeys));
        Assert.Equal(goldenKeys.Where(ourKeys.Contains), ourKeys);
        Assert.Equal(4, ourKeys.Count);
    }

    /// <summary>Same rows and cells; a column in <paramref name="patterns"/> need only match its pattern in ours.</summary>
    private static void AssertSameCells(SkstatTable golden, SkstatTable ours, Dictionary<string, string> patterns)
    {
        Assert.Equal(golden.Headings, ours.Headings);
        Assert.Equal(golden.Rows.Count, ours.Rows.Count);
        for (int r = 0; r < golden.Rows.Count; r++)
        {
            for (int c = 0; c < golden.Headings.Count; c++)
            {
                string heading = golden.Headings[c];
                string mine = ours.Rows[r][c];
                if (patterns.TryGetValue(heading, out var pattern))
                {
                    Assert.Matches(pattern, golden.Rows[r][c]);
                    Assert.True(Regex.IsMatch(mine, pattern), $"{ours.Title} row {r} {heading}: '{mine}' does not match {pattern}");
                }
                else
                {
                    Assert.True(golden.Rows[r][c] == mine, $"{ours.Title} row {r} {heading}: C printed '{golden.Rows[r][c]}', ours '{mine}'");
                }
            }
        }
    }

    /// <summary>A copy of <paramref name="table"/> with matching cells of one column replaced.</summary>
    private static SkstatTable Mask(SkstatTable table, string heading, Regex match, string replacement)
    {
        int i = table.Index(heading);
        var rows = table.Rows.Select(r => r.Select((cell, c) => c == i && match.IsMatch(cell) ? replacement : cell).ToArray()).ToList();
        return SkstatTable.FromRows(table.Title, table.Headings, rows);
    }

    /// <summary>A dynamic reply address: temp. and 15 characters.</summary>
    [GeneratedRegex(@"^temp\.[A-Za-z0-9+_]{15}$")]
    private static partial Regex TempAddress();
}
