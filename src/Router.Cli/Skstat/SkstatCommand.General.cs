using Skrouterd.Cli.Display;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    /// <summary>
    /// -g: attr/value rows from the router entity. Optional rows are skipped the way skstat's try/except blocks skip
    /// them when an attribute is missing or not a number; rows added before a failure in a block stay.
    /// </summary>
    private async Task DisplayGeneralAsync(bool showDateId)
    {
        Column[] heads = [new("attr"), new("value")];
        var rows = new List<IReadOnlyList<object?>>();
        var router = First(await QueryAsync("router").ConfigureAwait(false));
        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        void Row(string label, object? value) => rows.Add([label, value]);

        Row("Version", router["version"]);
        Row("Mode", router["mode"]);
        Row("Router Id", router["id"]);
        if (router["vanId"] is not null)
        {
            Row("Van Id", router["vanId"]);
        }

        Try(() => Row("Worker Threads", ValueFormat.PlainNum(router["workerThreads"])));
        Try(() => Row("Uptime", ValueFormat.TimeLong(router["uptimeSeconds"])));
        Try(() =>
        {
            if (router["memoryUsage"] is { } vm)
            {
                Row("VmSize", ValueFormat.NumKmg(vm, 1024));
            }
        });
        Try(() =>
        {
            if (router["residentMemoryUsage"] is { } rss)
            {
                Row("RSS", ValueFormat.NumKmg(rss, 1024));
            }
        });
        Row("Area", router["area"]);
        Row("Auto Links", ValueFormat.PlainNum(router["autoLinkCount"]));
        Row("Links", ValueFormat.PlainNum(router["linkCount"]));
        Row("Nodes", ValueFormat.PlainNum(router["nodeCount"]));
        Row("Addresses", ValueFormat.PlainNum(router["addrCount"]));
        Row("Total Connections", ValueFormat.PlainNum(router["connectionCount"]));

        // Overall delivery counts (added in 1.1; guarded so skstat works with older routers).
        Try(() =>
        {
            Row("Presettled Count", ValueFormat.PlainNum(router["presettledDeliveries"]));
            Row("Dropped Presettled Count", ValueFormat.PlainNum(router["droppedPresettledDeliveries"]));
            Row("Accepted Count", ValueFormat.PlainNum(router["acceptedDeliveries"]));
            Row("Rejected Count", ValueFormat.PlainNum(router["rejectedDeliveries"]));
            Row("Released Count", ValueFormat.PlainNum(router["releasedDeliveries"]));
            Row("Modified Count", ValueFormat.PlainNum(router["modifiedDeliveries"]));
            Try(() =>
            {
                Row("Deliveries Delayed > 1sec", ValueFormat.PlainNum(router["deliveriesDelayed1Sec"]));
                Row("Deliveries Delayed > 10sec", ValueFormat.PlainNum(router["deliveriesDelayed10Sec"]));
                Row("Deliveries Stuck > 10sec", ValueFormat.PlainNum(router["deliveriesStuck"]));
                Try(() => Row("Links Blocked", ValueFormat.PlainNum(router["linksBlocked"])));
            });
            Row("Ingress Count", ValueFormat.PlainNum(router["deliveriesIngress"]));
            Row("Egress Count", ValueFormat.PlainNum(router["deliveriesEgress"]));
            Row("Transit Count", ValueFormat.PlainNum(router["deliveriesTransit"]));
            Row("Deliveries from Route Container", ValueFormat.PlainNum(router["deliveriesIngressRouteContainer"]));
            Row("Deliveries to Route Container", ValueFormat.PlainNum(router["deliveriesEgressRouteContainer"]));
        });

        // Per-protocol user connection counts: one row per connectionCounters key.
        Try(() =>
        {
            if (router["connectionCounters"] is not Amqp.Codec.AmqpMap counters)
            {
                throw PyErrors.AttributeError();
            }

            foreach (var e in PyDict.Entries(counters))
            {
                string proto = PyNumber.TryText(e.Key, out var p) ? p : throw PyErrors.AttributeError();
                Row(proto.ToUpperInvariant() + " Service Connections", ValueFormat.PlainNum(e.Value));
            }
        });

        NewDisplay().FormattedTable("Router Statistics", heads, rows);
    }

    /// <summary>Python's <c>try: ... except: pass</c> around a block.</summary>
    private static void Try(Action block)
    {
        try
        {
            block();
        }
        catch (PyException)
        {
        }
    }
}
