using System.Globalization;
using Skrouterd.Cli.Display;
using Skrouterd.Cli.Management;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skstat;

/// <summary>
/// skstat's displays (R:tools/skstat.in <c>BusManager</c>): each queries the router's management agent and prints a
/// table. Unless part of <c>--all-entities</c> or <c>--all-routers</c>, a display first prints the UTC time, the
/// router id (from its own QUERY of <c>router</c>) and an empty line.
/// </summary>
internal sealed partial class SkstatCommand
{
    private const string Prefix = "io.skupper.router.";
    private readonly IManagementNode _node;
    private readonly SkstatOptions _opts;
    private readonly TextWriter _out;
    private readonly TimeProvider _time;
    private readonly BodyFormat _bodyFormat;

    public SkstatCommand(IManagementNode node, SkstatOptions opts, TextWriter output, TimeProvider time)
    {
        _node = node;
        _opts = opts;
        _out = output;
        _time = time;
        _bodyFormat = opts.Csv ? BodyFormat.Csv : BodyFormat.Classic;
    }

    private bool Verbose => _opts.Verbose > 0;

    private TableDisplay NewDisplay() => new(_out, _bodyFormat);

    private void Print(string line) => _out.Write(line + "\n");

    private async Task<List<ManagementEntity>> QueryAsync(string type, IReadOnlyList<string>? attributeNames = null, long? limit = null)
    {
        var response = await _node.QueryAsync(Prefix + type, attributeNames, limit).ConfigureAwait(false);
        return response.GetEntities();
    }

    private static T First<T>(List<T> list) => list.Count > 0 ? list[0] : throw PyErrors.IndexError("list index out of range");

    /// <summary>Python <c>str(datetime.now(timezone.utc))</c> + " UTC".</summary>
    public static string UtcLine(DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        string text = now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        long micro = now.Ticks / 10 % 1_000_000;
        if (micro != 0)
        {
            text += "." + micro.ToString("000000", CultureInfo.InvariantCulture);
        }

        return text + "+00:00 UTC";
    }

    private async Task DisplayRouterIdAsync()
    {
        var router = First(await QueryAsync("router").ConfigureAwait(false));
        Print(PyText.Str(router["id"]));
    }

    private async Task DisplayDateTimeRouterIdAsync()
    {
        Print(UtcLine(_time.GetUtcNow()));
        await DisplayRouterIdAsync().ConfigureAwait(false);
        Print("");
    }

    /// <summary>The run sequence: GET-MGMT-NODES, then the display (repeated per router with --all-routers and 2+ nodes).</summary>
    public async Task DisplayAsync()
    {
        var nodes = await _node.NodeOperationAsync("GET-MGMT-NODES", null).ConfigureAwait(false);
        bool hasNodes = PyNumber.Truthy(nodes) && PyLen(nodes) >= 2;
        if (_opts.AllRouters && hasNodes)
        {
            Print(UtcLine(_time.GetUtcNow()));
            foreach (var node in Iterate(nodes))
            {
                string text = PyNumber.TryText(node, out var t) ? t : throw PyErrors.TypeError($"'{PyText.TypeName(node)}' object is not subscriptable");
                await _node.SetClientAsync(text.Length > 6 ? text[6..] : "").ConfigureAwait(false);
                string[] parts = text.Split('/');
                Print("Router  " + (parts.Length > 3 ? parts[3] : throw PyErrors.IndexError("list index out of range")));
                Print("");
                if (_opts.Show == SkstatDisplay.Log)
                {
                    throw PyErrors.TypeError("displayLog() got an unexpected keyword argument 'show_date_id'");
                }

                await ShowAsync(_opts.Show, showDateId: false).ConfigureAwait(false);
                Print("");
            }
        }
        else
        {
            await ShowAsync(_opts.Show, showDateId: true).ConfigureAwait(false);
        }
    }

    private Task ShowAsync(SkstatDisplay show, bool showDateId) => show switch
    {
        SkstatDisplay.General => DisplayGeneralAsync(showDateId),
        SkstatDisplay.Connections => DisplayConnectionsAsync(showDateId),
        SkstatDisplay.Links => DisplayRouterLinksAsync(showDateId),
        SkstatDisplay.Nodes => DisplayRouterNodesAsync(showDateId),
        SkstatDisplay.Edges => DisplayEdgesAsync(showDateId),
        SkstatDisplay.Addresses => DisplayAddressesAsync(showDateId),
        SkstatDisplay.Memory => DisplayMemoryAsync(showDateId),
        SkstatDisplay.Policy => DisplayPolicyAsync(showDateId),
        SkstatDisplay.Autolinks => DisplayAutolinksAsync(showDateId),
        SkstatDisplay.Vhosts => DisplayVhostsAsync(),
        SkstatDisplay.Vhostgroups => DisplayVhostgroupsAsync(),
        SkstatDisplay.Vhoststats => DisplayVhoststatsAsync(),
        SkstatDisplay.Log => DisplayLogAsync(),
        _ => ShowAllAsync(showSummary: showDateId),
    };

    /// <summary>--all-entities: links, addresses, connections, autolinks, general, memory, policy, vhosts, vhost stats.</summary>
    private async Task ShowAllAsync(bool showSummary)
    {
        if (showSummary)
        {
            Print(UtcLine(_time.GetUtcNow()));
            await DisplayRouterIdAsync().ConfigureAwait(false);
            Print("");
        }

        await DisplayRouterLinksAsync(false).ConfigureAwait(false);
        Print("");
        await DisplayAddressesAsync(false).ConfigureAwait(false);
        Print("");
        await DisplayConnectionsAsync(false).ConfigureAwait(false);
        Print("");
        await DisplayAutolinksAsync(false).ConfigureAwait(false);
        Print("");
        await DisplayGeneralAsync(false).ConfigureAwait(false);
        Print("");
        await DisplayMemoryAsync(false).ConfigureAwait(false);
        Print("");
        await DisplayPolicyAsync(false).ConfigureAwait(false);
        Print("");
        await DisplayVhostsAsync().ConfigureAwait(false);
        Print("");
        await DisplayVhoststatsAsync().ConfigureAwait(false);
        Print("");
    }

    /// <summary>Python <c>len()</c>.</summary>
    internal static int PyLen(object? value) => value switch
    {
        string s => PyText.Len(s),
        Amqp.Codec.AmqpSymbol y => y.Value.Length,
        Amqp.Codec.AmqpMap m => PyDict.Entries(m).Count,
        Amqp.Codec.AmqpArray a => a.Items.Count,
        byte[] b => b.Length,
        System.Collections.ICollection c => c.Count,
        _ => throw PyErrors.TypeError($"object of type '{PyText.TypeName(value)}' has no len()"),
    };

    /// <summary>Python iteration: list items, dict keys, str characters.</summary>
    internal static IEnumerable<object?> Iterate(object? value)
    {
        switch (value)
        {
            case Amqp.Codec.AmqpMap m:
                return PyDict.Entries(m).Select(e => e.Key);
            case Amqp.Codec.AmqpArray a:
                return a.Items;
            case string s:
                return s.EnumerateRunes().Select(r => (object?)r.ToString());
            case byte[] b:
                return b.Select(x => (object?)(long)x);
            case System.Collections.IList l:
                return l.Cast<object?>();
            default:
                throw PyErrors.TypeError($"'{PyText.TypeName(value)}' object is not iterable");
        }
    }

    /// <summary><c>value == text</c> for a str-like value.</summary>
    internal static bool TextEquals(object? value, string text) => PyNumber.TryText(value, out var t) && t == text;
}
