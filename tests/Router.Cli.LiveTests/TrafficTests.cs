using System.Text.RegularExpressions;
using Skrouterd.Cli.LiveTests.Infrastructure;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Cli.LiveTests;

/// <summary>
/// skstat against a router that carried known traffic (clients/traffic.py): 10 unsettled messages to q1, of which the
/// receiver releases one and rejects one, then 5 pre-settled ones; the client keeps its two connections and links
/// open while the tools run. Each test has its own router, so the management traffic of earlier tool runs is known.
/// </summary>
public sealed partial class TrafficTests(ITestOutputHelper output) : LiveTest(output)
{
    private const string RouterId = "Live.Traffic";
    private const string TrafficContainer = "cli-live-traffic";
    private const int Unsettled = 10;
    private const int Presettled = 5;
    private const int Total = Unsettled + Presettled;

    private async Task<RouterProcess> StartRouterAsync(string mode = "standalone") =>
        await StartRouterAsync(new RouterConfigBuilder(RouterId, mode)
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false)));

    /// <summary>Runs the known traffic; the client stays connected (and its links attached) until the test ends.</summary>
    private async Task RunTrafficAsync(RouterProcess router)
    {
        var traffic = StartClient("traffic", "traffic.py", "--url", router.Url(), "--container-id", TrafficContainer, "--timeout", ScriptTimeout);
        var done = await traffic.WaitForEventAsync("done", EventTimeout);
        Assert.Equal((Total, Total, Presettled), (done.Int("sent"), done.Int("received"), done.Int("presettled_received")));
        Assert.Equal((Unsettled - 2, 1, 1), (done.Int("accepted"), done.Int("released"), done.Int("rejected")));
    }

    private static string[] GoldenAttrs()
    {
        var lines = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captures", "04-management.skstat-g.txt")).TrimEnd('\n').Split('\n');
        int index = 0;
        return SkstatTable.Parse(SkstatTable.AfterHeader(lines, "Router.A"), ref index, "Router Statistics", Headings.General).Column("attr");
    }

    private async Task<Dictionary<string, string>> GeneralAsync(RouterProcess router)
    {
        var table = await SkstatTableAsync(router, "Router Statistics", Headings.General, "-g");
        // The same rows, in the same order, as the C tool printed for an interior router (no Van Id either).
        Assert.Equal(GoldenAttrs(), table.Column("attr"));
        return table.Rows.ToDictionary(r => r[0], r => r[1]);
    }

    private static long N(Dictionary<string, string> g, string attr) => long.Parse(g[attr], System.Globalization.CultureInfo.InvariantCulture);

    [Fact(Timeout = 90_000)]
    public async Task General_CountsEqualTrafficPlusManagement()
    {
        var router = await StartRouterAsync();

        // A fresh router: only this run's GET-MGMT-NODES was accepted (ingress 2 with the QUERY being answered,
        // egress 1), as the C router reports (04-management.skstat-g: 3 earlier one-request runs give 4/5/4).
        var g0 = await GeneralAsync(router);
        Assert.Equal((1L, 2L, 1L), (N(g0, "Accepted Count"), N(g0, "Ingress Count"), N(g0, "Egress Count")));
        Assert.Equal(0L, N(g0, "Presettled Count"));

        // One skstat -g run is 3 requests (GET-MGMT-NODES, QUERY router for the table, QUERY router for the header).
        var g1 = await GeneralAsync(router);
        Assert.Equal((4L, 5L, 4L), (N(g1, "Accepted Count"), N(g1, "Ingress Count"), N(g1, "Egress Count")));

        await RunTrafficAsync(router);
        var g2 = await GeneralAsync(router);

        // Management adds the same per run as before; the rest is the traffic (counted on the sender's incoming link).
        long Delta(string attr) => N(g2, attr) - N(g1, attr) - (N(g1, attr) - N(g0, attr));
        Assert.Equal(Unsettled - 2, Delta("Accepted Count"));
        Assert.Equal(1, Delta("Released Count"));
        Assert.Equal(1, Delta("Rejected Count"));
        Assert.Equal(0, Delta("Modified Count"));
        Assert.Equal(Presettled, N(g2, "Presettled Count"));
        Assert.Equal(Total, Delta("Ingress Count"));
        Assert.Equal(Total, Delta("Egress Count"));
        Assert.Equal(0L, N(g2, "Transit Count"));
        Assert.Equal(0L, N(g2, "Dropped Presettled Count"));

        Assert.Equal("2.7.6", g2["Version"]);
        Assert.Equal("standalone", g2["Mode"]);
        Assert.Equal(RouterId, g2["Router Id"]);
        Assert.Equal("4", g2["Worker Threads"]);
        Assert.Matches(TimeLong(), g2["Uptime"]);
        Assert.Matches(Kmg(), g2["VmSize"]);
        Assert.Matches(Kmg(), g2["RSS"]);
        Assert.Equal("0", g2["Area"]);
        Assert.Equal("0", g2["Auto Links"]);
        Assert.Equal("4", g2["Links"]); // traffic sender and receiver, skstat's request and reply links
        Assert.Equal("0", g2["Nodes"]);
        Assert.Equal("3", g2["Total Connections"]);
        Assert.Equal("3", g2["AMQP Service Connections"]);
        Assert.Equal("0", g2["TCP Service Connections"]);
        Assert.Equal("0", g2["Links Blocked"]);
    }

    [Fact(Timeout = 90_000)]
    public async Task Links_ShowEndpointCounts()
    {
        var router = await StartRouterAsync();
        await RunTrafficAsync(router);
        var connections = await SkstatTableAsync(router, "Connections", Headings.Connections, "-c");
        var table = await SkstatTableAsync(router, "Router Links", Headings.Links, "-l");

        var q1 = table.Where("addr", "q1");
        Assert.Equal(2, q1.Count);
        var sender = Assert.Single(q1, r => r["dir"] == "in");
        var receiver = Assert.Single(q1, r => r["dir"] == "out");
        foreach (var link in new[] { sender, receiver })
        {
            Assert.Equal(("endpoint", "mobile", "250"), (link["type"], link["class"], link["cap"]));
            Assert.Equal(
                ("0", "0", $"{Total}", $"{Presettled}", "0", $"{Unsettled - 2}", "1", "1", "0", "0", "0"),
                (link["undel"], link["unsett"], link["deliv"], link["presett"], link["psdrop"], link["acc"], link["rej"], link["rel"], link["mod"], link["delay"], link["stuck"]));
            Assert.Equal("-", link["blkd"]);
        }

        // The links belong to the traffic client's two connections.
        var trafficConnections = connections.Where("container", TrafficContainer).Select(c => c["id"]).ToList();
        Assert.Equal(2, trafficConnections.Count);
        Assert.Contains(sender["conn id"], trafficConnections);
        Assert.Contains(receiver["conn id"], trafficConnections);
        Assert.NotEqual(sender["conn id"], receiver["conn id"]);
        Assert.Equal("5", receiver["cred"]); // the receiver granted 20 and took 15

        // skstat's own links at the time of the QUERY (its second request), as in 04-management.skstat-l.
        var request = table.Single("addr", "$management");
        Assert.Equal(("in", "mobile", "1", "2", "1"), (request["dir"], request["class"], request["unsett"], request["deliv"], request["acc"]));
        var reply = Assert.Single(table.Rows.Select(table.AsMap), r => r["class"] == "local" && r["addr"].StartsWith("temp.", StringComparison.Ordinal));
        Assert.Equal(("out", "1", "1", "0"), (reply["dir"], reply["deliv"], reply["presett"], reply["unsett"]));
        Assert.Equal(request["conn id"], reply["conn id"]);
        Assert.Equal(4, table.Rows.Count);

        // -v adds admin, oper and the link name.
        var verbose = await SkstatTableAsync(router, "Router Links", Headings.LinksVerbose, "-l", "-v");
        var named = verbose.Where("addr", "q1").ToDictionary(r => r["dir"], r => (r["admin"], r["oper"], r["name"]));
        Assert.Equal(("enabled", "up", "live-sender"), named["in"]);
        Assert.Equal(("enabled", "up", "live-receiver"), named["out"]);
    }

    [Fact(Timeout = 90_000)]
    public async Task Addresses_ShowTrafficAndManagement()
    {
        var router = await StartRouterAsync();
        await RunTrafficAsync(router);
        var table = await SkstatTableAsync(router, "Router Addresses", Headings.Addresses, "-a");

        var q1 = table.Single("addr", "q1");
        Assert.Equal(("mobile", "balanced", "-", "1", "0"), (q1["class"], q1["distrib"], q1["pri"], q1["local"], q1["remote"]));
        Assert.Equal(($"{Total}", $"{Total}", "0"), (q1["in"], q1["out"], q1["thru"]));

        var management = table.Where("addr", "$management").ToDictionary(r => r["class"], r => r["distrib"]);
        Assert.Equal(new Dictionary<string, string> { ["mobile"] = "closest", ["local"] = "closest" }, management);
        Assert.Single(table.Rows, r => r[table.Index("class")] == "local" && r[table.Index("addr")].StartsWith("temp.", StringComparison.Ordinal));

        // Sorted by address (a stable sort, so equal addresses keep the agent's order).
        var addresses = table.Column("addr");
        Assert.Equal(addresses.Order(StringComparer.Ordinal), addresses);

        var verbose = await SkstatTableAsync(router, "Router Addresses", Headings.AddressesVerbose, "-a", "-v");
        var q1v = verbose.Single("addr", "q1");
        Assert.Equal(("0", "0", "0", ""), (q1v["in-proc"], q1v["to-proc"], q1v["from-proc"], q1v["watch"]));
        var mgmt = verbose.Where("addr", "$management").Single(r => r["class"] == "mobile");
        Assert.Equal("1", mgmt["in-proc"]);
    }

    [Fact(Timeout = 90_000)]
    public async Task Connections_ListClientsAndSkstatItself()
    {
        var router = await StartRouterAsync();
        await RunTrafficAsync(router);
        var table = await SkstatTableAsync(router, "Connections", Headings.Connections, "-c");

        Assert.Equal(3, table.Rows.Count);
        var traffic = table.Where("container", TrafficContainer);
        Assert.Equal(2, traffic.Count);
        foreach (var c in traffic)
        {
            Assert.Matches(HostPort(), c["host"]);
            Assert.Equal(("normal", "amqp", "in", "no-security", "anonymous-user", ""), (c["role"], c["proto"], c["dir"], c["security"], c["authentication"], c["meshId"]));
            Assert.Matches(TimeLong(), c["last dlv"]); // both had deliveries: the sender's in, the receiver's out
            Assert.Matches(TimeLong(), c["uptime"]);
        }

        // skstat itself: no SASL at all, a UUID container id.
        var self = Assert.Single(table.Rows.Select(table.AsMap), c => c["container"] != TrafficContainer);
        Assert.Matches(Uuid(), self["container"]);
        Assert.Equal(("normal", "amqp", "in", "no-security", "no-auth"), (self["role"], self["proto"], self["dir"], self["security"], self["authentication"]));
        // Seconds since its request and since it connected, by the router's one-second tick: 0, or 1 when a tick
        // fell between connecting and the QUERY being answered.
        Assert.Matches(@"^000:00:00:0[01]$", self["last dlv"]);
        Assert.Matches(@"^000:00:00:0[01]$", self["uptime"]);

        // --limit is the QUERY count: the first rows only.
        var limited = await SkstatTableAsync(router, "Connections", Headings.Connections, "-c", "--limit", "2");
        Assert.Equal(table.Column("id")[..2], limited.Column("id"));

        // --csv: title, then quoted fields; empty fields as nothing.
        var csv = await SkstatBodyAsync(router, "-c", "--csv");
        Assert.Equal("Connections", csv[0]);
        Assert.Equal(string.Join(',', Headings.Connections.Select(h => $"\"{h}\"")), csv[1]);
        Assert.Equal(5, csv.Length);
        foreach (var line in csv[2..].Where(l => l.Contains(TrafficContainer, StringComparison.Ordinal)))
        {
            Assert.Matches(@"^""\d+"",""127\.0\.0\.1:\d+"",""cli-live-traffic"",""normal"",""amqp"",""in"",""no-security"",""anonymous-user"",,""\d{3}:\d\d:\d\d:\d\d"",""\d{3}:\d\d:\d\d:\d\d""$", line);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task OtherDisplays_OnStandaloneRouter()
    {
        var router = await StartRouterAsync();
        await RunTrafficAsync(router);

        // -n: a standalone router has no router.node entities.
        Assert.Equal(["Router is Standalone - No Router List"], await SkstatBodyAsync(router, "-n"));

        // -e: connections exist but none has role edge: only the date/router-id header.
        Assert.Empty(await SkstatBodyAsync(router, "-e"));

        // -m: the C# router has no allocator pools (management-and-deployment.md §2.7.6).
        Assert.Equal(["No memory statistics available"], await SkstatBodyAsync(router, "-m"));

        // -p: the policy singleton's configuration and the connections the policy counted (C: every accepted
        // AMQP connection; three are open now: the traffic client's two and skstat's).
        var body = await SkstatBodyAsync(router, "-p");
        int index = 0;
        var config = SkstatTable.Parse(body, ref index, "Policy Configuration", Headings.AttrValue);
        Assert.Equal("", body[index++]);
        var status = SkstatTable.Parse(body, ref index, "Policy Status", Headings.AttrValue);
        Assert.Equal(body.Length, index);
        Assert.Equal(
            [["Maximum Concurrent Connections", "65535"], ["Maximum Message Size", "0"], ["Enable Vhost Policy", "False"],
             ["Enable Vhost Name Patterns", "False"], ["Policy Directory", "(nil)"], ["Default Vhost", "$default"]],
            config.Rows);
        var counts = status.Rows.ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(["Connections Processed", "Connections Denied", "Connections Current", "Links Denied", "Maximum Message Size Denied", "Total Denials"], counts.Keys);
        Assert.Equal("3", counts["Connections Current"]);
        Assert.True(int.Parse(counts["Connections Processed"], System.Globalization.CultureInfo.InvariantCulture) >= 3, counts["Connections Processed"]);
        Assert.Equal(("0", "0", "0", "0"), (counts["Connections Denied"], counts["Links Denied"], counts["Maximum Message Size Denied"], counts["Total Denials"]));
    }

    [Fact(Timeout = 90_000)]
    public async Task Nodes_OnInteriorRouter_ListItself()
    {
        var router = await StartRouterAsync("interior");
        var table = await SkstatTableAsync(router, "Routers in the Network", Headings.Nodes, "-n");
        Assert.Equal([[RouterId, "(self)", "-"]], table.Rows);
    }

    [Fact(Timeout = 90_000)]
    public async Task Log_PrintsRecentEntries()
    {
        var router = await StartRouterAsync();
        await RunTrafficAsync(router);

        var all = await SkstatAsync(router, "--log");
        Assert.Equal((0, ""), (all.ExitCode, all.Stderr));
        // ctime(timestamp) MODULE (level) text — no date/router-id header.
        Assert.All(all.Lines, l => Assert.Matches(LogLine(), l));
        Assert.Contains(all.Lines, l => l.EndsWith(" SERVER (info) Operational, 4 Threads Running (process ID " + router.Pid + ")", StringComparison.Ordinal));
        Assert.Contains(all.Lines, l => l.Contains(" ROUTER_CORE (info) ", StringComparison.Ordinal) && l.Contains("container_id=" + TrafficContainer, StringComparison.Ordinal));

        var limited = await SkstatAsync(router, "--log", "--limit", "3");
        Assert.Equal(3, limited.Lines.Length);
        Assert.All(limited.Lines, l => Assert.Matches(LogLine(), l));
    }

    [GeneratedRegex(@"^\d{3}:\d\d:\d\d:\d\d$")]
    private static partial Regex TimeLong();

    [GeneratedRegex(@"^(\d+|\d\.\d\d [KMGT]iB|\d\d\.\d [KMGT]iB|\d{3,4} [KMGT]iB)$")]
    private static partial Regex Kmg();

    [GeneratedRegex(@"^127\.0\.0\.1:\d+$")]
    private static partial Regex HostPort();

    [GeneratedRegex(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4} [A-Z_]+ \((trace|debug|info|notice|warning|error|critical)\) ")]
    private static partial Regex LogLine();
}
