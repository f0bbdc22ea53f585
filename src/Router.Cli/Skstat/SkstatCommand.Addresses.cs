using Skrouterd.Cli.Display;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    private static readonly string[] _addressColumns =
    [
        "distribution", "inProcess", "subscriberCount", "remoteCount", "deliveriesIngress", "deliveriesEgress",
        "deliveriesTransit", "deliveriesToContainer", "deliveriesFromContainer", "name", "priority", "watch",
    ];

    private static readonly string[] _autolinkColumns = ["address", "direction", "externalAddress", "linkRef", "operStatus", "lastError"];

    /// <summary>-a: addresses sorted by address text, counts with thousands separators.</summary>
    private async Task DisplayAddressesAsync(bool showDateId)
    {
        var heads = new List<Column> { new("class"), new("addr"), new("distrib") };
        var objects = await QueryAsync("router.address", _addressColumns, _opts.Limit).ConfigureAwait(false);
        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        bool hasPriority = objects.Count > 0 && objects[0].Has("priority");
        if (hasPriority)
        {
            heads.Add(new("pri"));
        }

        if (Verbose)
        {
            heads.Add(new("in-proc", ColumnFormat.Commas));
        }

        heads.Add(new("local", ColumnFormat.Commas));
        heads.Add(new("remote", ColumnFormat.Commas));
        heads.Add(new("in", ColumnFormat.Commas));
        heads.Add(new("out", ColumnFormat.Commas));
        heads.Add(new("thru", ColumnFormat.Commas));
        if (Verbose)
        {
            heads.Add(new("to-proc", ColumnFormat.Commas));
            heads.Add(new("from-proc", ColumnFormat.Commas));
            heads.Add(new("watch", ColumnFormat.Commas));
        }

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var addr in objects)
        {
            var row = new List<object?> { AddrClass(addr["name"]), AddrText(addr["name"]), addr["distribution"] };
            if (hasPriority)
            {
                object? pri = addr["priority"];
                row.Add(PyNumber.Compare(pri, 0L, ">=") >= 0 ? ValueFormat.PlainNum(pri) : "-");
            }

            if (Verbose)
            {
                row.Add(ValueFormat.PlainNum(addr["inProcess"]));
            }

            row.Add(ValueFormat.PlainNum(addr["subscriberCount"]));
            row.Add(ValueFormat.PlainNum(addr["remoteCount"]));
            row.Add(ValueFormat.PlainNum(addr["deliveriesIngress"]));
            row.Add(ValueFormat.PlainNum(addr["deliveriesEgress"]));
            row.Add(ValueFormat.PlainNum(addr["deliveriesTransit"]));
            if (Verbose)
            {
                row.Add(ValueFormat.PlainNum(addr["deliveriesToContainer"]));
                row.Add(ValueFormat.PlainNum(addr["deliveriesFromContainer"]));
                row.Add(PyNumber.Truthy(addr["watch"]) ? "Y" : "");
            }

            rows.Add(row);
        }

        NewDisplay().FormattedTable("Router Addresses", heads, RowSorter.Sort(heads, rows, "addr"));
    }

    /// <summary>--autolinks: configured auto-links sorted by address; "No AutoLinks found" when there are none.</summary>
    private async Task DisplayAutolinksAsync(bool showDateId)
    {
        Column[] heads = [new("addr"), new("dir"), new("extAddr"), new("link"), new("status"), new("lastErr")];
        var objects = await QueryAsync("router.config.autoLink", _autolinkColumns, _opts.Limit).ConfigureAwait(false);
        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        if (objects.Count == 0)
        {
            Print("AutoLinks");
            Print("No AutoLinks found");
            return;
        }

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var al in objects)
        {
            rows.Add([al["address"], al["direction"], al["externalAddress"], al["linkRef"], al["operStatus"], al["lastError"]]);
        }

        NewDisplay().FormattedTable("AutoLinks", heads, RowSorter.Sort(heads, rows, "addr"));
    }
}
