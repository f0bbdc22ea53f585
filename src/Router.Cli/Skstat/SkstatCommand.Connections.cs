using Skrouterd.Cli.Display;
using Skrouterd.Cli.Management;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skstat;

internal sealed partial class SkstatCommand
{
    /// <summary>-c: one row per connection, in the agent's order; "last dlv" and "uptime" only if the agent returns them.</summary>
    private async Task DisplayConnectionsAsync(bool showDateId)
    {
        var heads = new List<Column>
        {
            new("id"), new("host"), new("container"), new("role"), new("proto"), new("dir"), new("security"),
            new("authentication"), new("meshId"),
        };
        var objects = await QueryAsync("connection", null, _opts.Limit).ConfigureAwait(false);
        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        bool hasLastDlv = objects.Count > 0 && objects[0].Has("lastDlvSeconds");
        bool hasUptime = objects.Count > 0 && objects[0].Has("uptimeSeconds");
        if (hasLastDlv)
        {
            heads.Add(new("last dlv"));
        }

        if (hasUptime)
        {
            heads.Add(new("uptime"));
        }

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var conn in objects)
        {
            var row = new List<object?>
            {
                conn["identity"], conn["host"], conn["container"], conn.GetOrNone("role"), conn["protocol"], conn["dir"],
                ConnSecurity(conn), ConnAuth(conn), conn.GetOrNone("meshId"),
            };
            if (hasLastDlv)
            {
                row.Add(conn["lastDlvSeconds"] is null ? "-" : ValueFormat.TimeLong(conn["lastDlvSeconds"]));
            }

            if (hasUptime)
            {
                row.Add(ValueFormat.TimeLong(conn["uptimeSeconds"]));
            }

            rows.Add(row);
        }

        NewDisplay().FormattedTable("Connections", heads, rows);
    }

    /// <summary>-e: connections with role edge; "No Edge Router Connections" when there are no connections at all.</summary>
    private async Task DisplayEdgesAsync(bool showDateId)
    {
        var heads = new List<Column> { new("id"), new("host"), new("container"), new("dir"), new("security"), new("authentication") };
        var objects = await QueryAsync("connection", null, _opts.Limit).ConfigureAwait(false);
        if (objects.Count == 0)
        {
            if (showDateId)
            {
                await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
            }

            Print("No Edge Router Connections");
            return;
        }

        if (showDateId)
        {
            await DisplayDateTimeRouterIdAsync().ConfigureAwait(false);
        }

        bool hasActive = objects[0].Has("active");
        if (hasActive)
        {
            heads.Add(new("active"));
        }

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var conn in objects)
        {
            if (!TextEquals(conn["role"], "edge"))
            {
                continue;
            }

            var row = new List<object?>
            {
                conn["identity"], conn["host"], conn["container"], conn["dir"], ConnSecurity(conn), ConnAuth(conn),
            };
            if (hasActive)
            {
                row.Add(PyNumber.Truthy(conn["active"]) ? "yes" : "no");
            }

            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            return;
        }

        NewDisplay().FormattedTable("Connections", heads, rows);
    }

    /// <summary>no-security, Kerberos (GSSAPI), or <c>&lt;sslProto&gt;(&lt;sslCipher&gt;)</c>.</summary>
    private static object? ConnSecurity(ManagementEntity conn)
    {
        if (!PyNumber.Truthy(conn["isEncrypted"]))
        {
            return "no-security";
        }

        if (TextEquals(conn["sasl"], "GSSAPI"))
        {
            return "Kerberos";
        }

        return $"{PyText.Str(conn["sslProto"])}({PyText.Str(conn["sslCipher"])})";
    }

    /// <summary>no-auth, anonymous-user, the mechanism alone, or <c>&lt;user&gt;(&lt;mech&gt;)</c> (x.509 for EXTERNAL).</summary>
    private static object? ConnAuth(ManagementEntity conn)
    {
        if (!PyNumber.Truthy(conn["isAuthenticated"]))
        {
            return "no-auth";
        }

        object? sasl = conn["sasl"];
        if (TextEquals(sasl, "GSSAPI"))
        {
            sasl = "Kerberos";
        }
        else if (TextEquals(sasl, "EXTERNAL"))
        {
            sasl = "x.509";
        }
        else if (TextEquals(sasl, "ANONYMOUS"))
        {
            return "anonymous-user";
        }

        if (!PyNumber.Truthy(conn["user"]))
        {
            return sasl;
        }

        return $"{PyText.Str(conn["user"])}({PyText.Str(sasl)})";
    }
}
