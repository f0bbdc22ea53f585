using System.Globalization;
using Skrouterd.Cli.Display;
using Skrouterd.Cli.Python;
using Skrouterd.Management;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    /// <summary>-n: routers in the network sorted by id; an edge or standalone router has none.</summary>
    private async Task DisplayRouterNodesAsync(bool showDateId)
    {
        var heads = new List<Column> { new("router-id"), new("next-hop"), new("link") };
        if (Verbose)
        {
            heads.Add(new("ver"));
            heads.Add(new("cost"));
            heads.Add(new("neighbors"));
            heads.Add(new("valid-origins"));
        }

        var objects = await QueryAsync("router.node", null, _opts.Limit).ConfigureAwait(false);
        double lastTopoChange = 0.0;
        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var node in objects)
        {
            var row = new List<object?>();
            object? change = node["lastTopoChange"];
            if (PyNumber.Truthy(change))
            {
                double value = PyFloatOf(change);
                if (value > lastTopoChange)
                {
                    lastTopoChange = value;
                }
            }

            row.Add(node["id"]);
            if (node["nextHop"] is { } nextHop)
            {
                row.Add(nextHop);
                row.Add("-");
            }
            else
            {
                row.Add("-");
                row.Add(ValueFormat.PlainNum(node["routerLink"]));
            }

            if (Verbose)
            {
                row.Add(ValueFormat.PlainNum(node.GetOrNone("protocolVersion")));
                object? cost = node.GetOrNone("cost");
                row.Add(PyNumber.Truthy(cost) ? ValueFormat.PlainNum(cost) : "");
                row.Add(PyText.Repr(ListClean(node["linkState"])));
                row.Add(PyText.Repr(ListClean(node["validOrigins"])));
            }

            rows.Add(row);
        }

        if (rows.Count > 0)
        {
            string title = "Routers in the Network";
            if (lastTopoChange > 1.0)
            {
                // gmtime keeps times comparable across large networks.
                var t = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(lastTopoChange));
                title += "\nLast Topology Change: " + t.ToString("dddd MMM dd HH:mm:ss yyyy", CultureInfo.InvariantCulture) + " GMT";
            }

            NewDisplay().FormattedTable(title, heads, RowSorter.Sort(heads, rows, "router-id"));
        }
        else
        {
            Print("Router is Standalone - No Router List");
        }
    }

    /// <summary>Python <c>float(value)</c>.</summary>
    private static double PyFloatOf(object? value)
    {
        if (PyNumber.TryNumber(value, out var d))
        {
            return d;
        }

        if (PyNumber.TryText(value, out var text) && CommandLine.ArgumentParser.PythonFloat(text) is double parsed)
        {
            return parsed;
        }

        if (PyNumber.TryText(value, out var bad))
        {
            throw PyErrors.ValueError("could not convert string to float: " + PythonRepr.StringRepr(bad));
        }

        throw PyErrors.TypeError($"float() argument must be a string or a real number, not '{PyText.TypeName(value)}'");
    }

    /// <summary>skstat's <c>_list_clean</c>: a list of <c>str()</c> of each item (empty for None or empty).</summary>
    private static List<object?> ListClean(object? list)
    {
        var result = new List<object?>();
        if (!PyNumber.Truthy(list))
        {
            return result;
        }

        foreach (var item in Iterate(list))
        {
            result.Add(PyText.Str(item));
        }

        return result;
    }
}
