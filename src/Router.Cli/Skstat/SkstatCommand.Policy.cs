using Skrouterd.Cli.Display;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    /// <summary>-p: the policy entity's configuration and counters (booleans print as True/False).</summary>
    private async Task DisplayPolicyAsync(bool showDateId)
    {
        Column[] heads = [new("attr"), new("value")];
        var policy = First(await QueryAsync("policy").ConfigureAwait(false));
        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Maximum Concurrent Connections", ValueFormat.PlainNum(policy["maxConnections"]) },
        };
        if (policy.Has("maxMessageSize"))
        {
            rows.Add(["Maximum Message Size", ValueFormat.PlainNum(policy["maxMessageSize"])]);
        }

        rows.Add(["Enable Vhost Policy", policy["enableVhostPolicy"]]);
        rows.Add(["Enable Vhost Name Patterns", policy["enableVhostNamePatterns"]]);
        rows.Add(["Policy Directory", NilIfEmpty(policy["policyDir"])]);
        rows.Add(["Default Vhost", NilIfEmpty(policy["defaultVhost"])]);
        var display = NewDisplay();
        display.FormattedTable("Policy Configuration", heads, rows);

        rows =
        [
            new object?[] { "Connections Processed", ValueFormat.PlainNum(policy["connectionsProcessed"]) },
            new object?[] { "Connections Denied", ValueFormat.PlainNum(policy["connectionsDenied"]) },
            new object?[] { "Connections Current", ValueFormat.PlainNum(policy["connectionsCurrent"]) },
            new object?[] { "Links Denied", ValueFormat.PlainNum(policy["linksDenied"]) },
        ];
        if (policy.Has("maxMessageSizeDenied"))
        {
            rows.Add(["Maximum Message Size Denied", ValueFormat.PlainNum(policy["maxMessageSizeDenied"])]);
        }

        rows.Add(["Total Denials", ValueFormat.PlainNum(policy["totalDenials"])]);
        display.FormattedTable("\nPolicy Status", heads, rows);
    }

    private static object? NilIfEmpty(object? value) => PyLen(value) > 0 ? value : "(nil)";
}
