using Skrouterd.Cli.Display;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    private static readonly string[] _linkColumns =
    [
        "linkType", "linkDir", "connectionId", "identity", "owningAddr", "capacity", "undeliveredCount", "unsettledCount",
        "deliveryCount", "presettledCount", "droppedPresettledCount", "acceptedCount", "rejectedCount", "releasedCount",
        "modifiedCount", "deliveriesDelayed1Sec", "deliveriesDelayed10Sec", "deliveriesStuck", "creditAvailable",
        "zeroCreditSeconds", "adminStatus", "operStatus", "linkName", "priority", "settleRate",
    ];

    /// <summary>-l: router links; optional columns appear when the first row has the attribute.</summary>
    private async Task DisplayRouterLinksAsync(bool showDateId)
    {
        var heads = new List<Column>
        {
            new("type"), new("dir"), new("conn id"), new("id"), new("class"), new("addr"), new("cap", ColumnFormat.PlainNum),
        };
        var objects = await QueryAsync("router.link", _linkColumns, _opts.Limit).ConfigureAwait(false);
        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        bool hasDropped = false, hasPriority = false, hasDelayed = false, hasStuck = false, hasCredit = false;
        if (objects.Count > 0)
        {
            var first = objects[0];
            hasDropped = first.Has("droppedPresettledCount");
            hasPriority = first.Has("priority");
            hasDelayed = first.Has("deliveriesDelayed1Sec");
            hasStuck = first.Has("deliveriesStuck");
            hasCredit = first.Has("creditAvailable");
        }

        if (hasPriority)
        {
            heads.Add(new("pri", ColumnFormat.PlainNum));
        }

        heads.Add(new("undel", ColumnFormat.PlainNum));
        heads.Add(new("unsett", ColumnFormat.PlainNum));
        heads.Add(new("deliv", ColumnFormat.PlainNum));
        heads.Add(new("presett", ColumnFormat.PlainNum));
        if (hasDropped)
        {
            heads.Add(new("psdrop", ColumnFormat.PlainNum));
        }

        heads.Add(new("acc", ColumnFormat.PlainNum));
        heads.Add(new("rej", ColumnFormat.PlainNum));
        heads.Add(new("rel", ColumnFormat.PlainNum));
        heads.Add(new("mod", ColumnFormat.PlainNum));
        if (hasDelayed)
        {
            heads.Add(new("delay", ColumnFormat.PlainNum));
            heads.Add(new("rate", ColumnFormat.PlainNum));
        }

        if (hasStuck)
        {
            heads.Add(new("stuck", ColumnFormat.PlainNum));
        }

        if (hasCredit)
        {
            heads.Add(new("cred", ColumnFormat.PlainNum));
            heads.Add(new("blkd"));
        }

        if (Verbose)
        {
            heads.Add(new("admin"));
            heads.Add(new("oper"));
            heads.Add(new("name"));
        }

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var link in objects)
        {
            var row = new List<object?>
            {
                link["linkType"], link["linkDir"], link["connectionId"], link["identity"],
                AddrClass(link["owningAddr"]), AddrText(link["owningAddr"]), link["capacity"],
            };
            if (hasPriority)
            {
                row.Add(link["priority"]);
            }

            row.Add(link["undeliveredCount"]);
            row.Add(link["unsettledCount"]);
            row.Add(link["deliveryCount"]);
            row.Add(link["presettledCount"]);
            if (hasDropped)
            {
                row.Add(link["droppedPresettledCount"]);
            }

            row.Add(link["acceptedCount"]);
            row.Add(link["rejectedCount"]);
            row.Add(link["releasedCount"]);
            row.Add(link["modifiedCount"]);
            if (hasDelayed)
            {
                row.Add(PyNumber.Add(link["deliveriesDelayed1Sec"], link["deliveriesDelayed10Sec"]));
                row.Add(link["settleRate"]);
            }

            if (hasStuck)
            {
                row.Add(link["deliveriesStuck"]);
            }

            if (hasCredit)
            {
                row.Add(link["creditAvailable"]);
                object? zero = link["zeroCreditSeconds"];
                row.Add(PyNumber.Compare(zero, 0L, ">") > 0 ? ValueFormat.TimeShort(PyNumber.Multiply(zero, 1_000_000_000)) : "-");
            }

            if (Verbose)
            {
                row.Add(link["adminStatus"]);
                row.Add(link["operStatus"]);
                row.Add(link["linkName"]);
            }

            rows.Add(row);
        }

        NewDisplay().FormattedTable("Router Links", heads, rows);
    }

    /// <summary>The class an address key's first character stands for.</summary>
    internal static string AddrClass(object? addr)
    {
        if (!PyNumber.Truthy(addr))
        {
            return "";
        }

        string text = PyNumber.TryText(addr, out var t) ? t : PyText.Str(addr);
        char c = text[0];
        return c switch
        {
            'M' => "mobile",
            'R' => "router",
            'A' => "area",
            'L' => "local",
            'T' => "topo",
            'C' or 'E' => "link-in",
            'D' or 'F' => "link-out",
            'H' => "edge",
            _ => "unknown: " + text.EnumerateRunes().First().ToString(),
        };
    }

    /// <summary>The address key without its class character.</summary>
    internal static string AddrText(object? addr)
    {
        if (!PyNumber.Truthy(addr))
        {
            return "";
        }

        string text = PyNumber.TryText(addr, out var t) ? t : PyText.Str(addr);
        var first = text.EnumerateRunes().First();
        return text[first.Utf16SequenceLength..];
    }
}
