using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Display;
using Skrouterd.Cli.Management;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    /// <summary>--vhosts: one row per vhost policy ("No Vhosts" when none).</summary>
    private async Task DisplayVhostsAsync()
    {
        var vhosts = await QueryAsync("vhost").ConfigureAwait(false);
        if (vhosts.Count == 0)
        {
            Print("No Vhosts");
            return;
        }

        var heads = new List<Column> { new("hostname"), new("maxConnections") };
        bool hasMaxMessageSize = vhosts[0].Has("maxMessageSize");
        if (hasMaxMessageSize)
        {
            heads.Add(new("maxMessageSize"));
        }

        heads.Add(new("maxConnectionsPerUser"));
        heads.Add(new("maxConnectionsPerHost"));
        heads.Add(new("allowUnknownUser"));
        heads.Add(new("groups"));
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var vhost in vhosts)
        {
            var row = new List<object?> { vhost["hostname"], ValueFormat.PlainNum(vhost["maxConnections"]) };
            if (hasMaxMessageSize)
            {
                row.Add(ValueFormat.PlainNum(vhost["maxMessageSize"]));
            }

            row.Add(ValueFormat.PlainNum(vhost["maxConnectionsPerUser"]));
            row.Add(ValueFormat.PlainNum(vhost["maxConnectionsPerHost"]));
            row.Add(vhost["allowUnknownUser"]);
            row.Add(ValueFormat.PlainNum((long)PyLen(vhost["groups"])));
            rows.Add(row);
        }

        NewDisplay().FormattedTable("Vhosts", heads, rows);
    }

    /// <summary>--vhostgroups: the user groups of every vhost, defaults taken from the schema (GET-SCHEMA).</summary>
    private async Task DisplayVhostgroupsAsync()
    {
        var vhosts = await QueryAsync("vhost").ConfigureAwait(false);
        object? schema = await _node.GetSchemaAsync().ConfigureAwait(false);
        object? groupSchema = ManagementNode.Subscript(
            ManagementNode.Subscript(ManagementNode.Subscript(schema, "entityTypes"), "vhostUserGroupSettings"), "attributes");
        if (vhosts.Count == 0)
        {
            Print("No Vhosts");
            return;
        }

        var heads = new List<Column> { new("vhost"), new("group"), new("maxConnectionsPerUser"), new("maxConnectionsPerHost") };
        bool hasMaxMessageSize = vhosts[0].Has("maxMessageSize");
        if (hasMaxMessageSize)
        {
            heads.Add(new("maxMessageSize"));
        }

        foreach (var h in (string[])["maxFrameSize", "maxSessionWindow", "maxSessions", "maxSenders", "maxReceivers",
            "allowDynamicSource", "allowAnonymousSender", "allowUserIdProxy", "allowAdminStatusUpdate"])
        {
            heads.Add(new(h));
        }

        var display = NewDisplay();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var vhost in vhosts)
        {
            object? groups = vhost["groups"];
            if (PyLen(groups) == 0)
            {
                continue;
            }

            foreach (var groupName in Iterate(groups))
            {
                object? group = ManagementNode.Subscript(groups, PyText.Str(groupName));
                var row = new List<object?>
                {
                    vhost["hostname"], groupName,
                    DefaultInt(group, "maxConnectionsPerUser", groupSchema), DefaultInt(group, "maxConnectionsPerHost", groupSchema),
                };
                if (hasMaxMessageSize)
                {
                    row.Add(DefaultInt(group, "maxMessageSize", groupSchema));
                }

                row.Add(DefaultInt(group, "maxFrameSize", groupSchema));
                row.Add(DefaultInt(group, "maxSessionWindow", groupSchema));
                row.Add(DefaultInt(group, "maxSessions", groupSchema));
                row.Add(DefaultInt(group, "maxSenders", groupSchema));
                row.Add(DefaultInt(group, "maxReceivers", groupSchema));
                row.Add(DefaultValue(group, "allowDynamicSource", groupSchema, "False"));
                row.Add(DefaultValue(group, "allowAnonymousSender", groupSchema, "False"));
                row.Add(DefaultValue(group, "allowUserIdProxy", groupSchema, "False"));
                row.Add(DefaultValue(group, "allowAdminStatusUpdate", groupSchema, "False"));
                rows.Add(row);
            }
        }

        display.FormattedTable("Vhost Groups", heads, rows);

        Column[] attrHeads = [new("attr"), new("value")];
        foreach (var vhost in vhosts)
        {
            object? groups = vhost["groups"];
            if (PyLen(groups) == 0)
            {
                continue;
            }

            foreach (var groupName in Iterate(groups))
            {
                object? group = ManagementNode.Subscript(groups, PyText.Str(groupName));
                var groupRows = new List<IReadOnlyList<object?>>
                {
                    new object?[] { "vhost", vhost["hostname"] },
                    new object?[] { "group", groupName },
                };
                foreach (var key in (string[])["users", "remoteHosts", "sources", "targets", "sourcePattern", "targetPattern"])
                {
                    groupRows.Add([key, DefaultValue(group, key, groupSchema, "(nil)")]);
                }

                display.FormattedTable($"\nVhost '{PyText.Str(vhost["hostname"])}' UserGroup '{PyText.Str(groupName)}'", attrHeads, groupRows);
            }
        }
    }

    /// <summary>--vhoststats: per-vhost counters, then per-user state ("No Vhost Stats" when none).</summary>
    private async Task DisplayVhoststatsAsync()
    {
        var stats = await QueryAsync("vhostStats").ConfigureAwait(false);
        if (stats.Count == 0)
        {
            Print("No Vhost Stats");
            return;
        }

        var heads = new List<Column>
        {
            new("hostname"), new("connectionsApproved"), new("connectionsDenied"), new("connectionsCurrent"),
            new("sessionDenied"), new("senderDenied"), new("receiverDenied"),
        };
        bool hasMaxMessageSize = stats[0].Has("maxMessageSizeDenied");
        if (hasMaxMessageSize)
        {
            heads.Add(new("maxMessageSizeDenied"));
        }

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var s in stats)
        {
            var row = new List<object?>
            {
                s["hostname"], ValueFormat.PlainNum(s["connectionsApproved"]), ValueFormat.PlainNum(s["connectionsDenied"]),
                ValueFormat.PlainNum(s["connectionsCurrent"]), ValueFormat.PlainNum(s["sessionDenied"]),
                ValueFormat.PlainNum(s["senderDenied"]), ValueFormat.PlainNum(s["receiverDenied"]),
            };
            if (hasMaxMessageSize)
            {
                row.Add(ValueFormat.PlainNum(s["maxMessageSizeDenied"]));
            }

            rows.Add(row);
        }

        var display = NewDisplay();
        display.FormattedTable("Vhost Stats", heads, rows);

        Column[] userHeads = [new("vhost"), new("user"), new("remote hosts")];
        var userRows = new List<IReadOnlyList<object?>>();
        foreach (var s in stats)
        {
            object? states = s["perUserState"];
            if (PyLen(states) > 0)
            {
                foreach (var user in Iterate(states))
                {
                    userRows.Add([s["hostname"], user, ManagementNode.Subscript(states, PyText.Str(user))]);
                }
            }
        }

        display.FormattedTable("\nVhost User Stats", userHeads, userRows);
    }

    /// <summary>skstat's showNodefaultInt: the group's value, else the schema default, else "(nil)".</summary>
    private static object? DefaultInt(object? group, string key, object? schema)
    {
        if (group is AmqpMap g && PyDict.TryGet(g, key, out var v))
        {
            return ValueFormat.PlainNum(v);
        }

        object? attr = ManagementNode.Subscript(schema, key);
        return attr is AmqpMap a && PyDict.TryGet(a, "default", out var d) ? ValueFormat.PlainNum(d) : "(nil)";
    }

    /// <summary>skstat's showNodefaultBool / showNodefaultString.</summary>
    private static object? DefaultValue(object? group, string key, object? schema, string fallback)
    {
        if (group is AmqpMap g && PyDict.TryGet(g, key, out var v))
        {
            return v;
        }

        object? attr = ManagementNode.Subscript(schema, key);
        return attr is AmqpMap a && PyDict.TryGet(a, "default", out var d) ? d : fallback;
    }
}
