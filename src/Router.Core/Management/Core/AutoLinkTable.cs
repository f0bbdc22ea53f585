using System.Globalization;

namespace Skrouterd.Management;

/// <summary>
/// <c>io.skupper.router.router.config.autoLink</c> as the C agent answers it (agent_config_auto_link.c), including
/// the deprecated alias columns <c>addr</c>, <c>dir</c> and <c>externalAddr</c>.
/// </summary>
internal sealed class AutoLinkTable : CoreTable
{
    public const string TypeName = "io.skupper.router.router.config.autoLink";

    private static readonly string[] s_columns =
    [
        "name", "identity", "type", "address", "addr", "direction", "dir", "connection", "containerId",
        "externalAddress", "externalAddr", "linkRef", "operStatus", "lastError",
    ];

    private readonly List<AutoLinkEntry> _entries = [];

    public AutoLinkTable(ManagementContext context)
        : base(context, TypeName, s_columns)
    {
    }

    public int Count => _entries.Count;

    public override IReadOnlyList<object> Rows() => [.. _entries];

    public override object? FindByIdentity(string identity) =>
        _entries.FirstOrDefault(e => e.Identity.ToString(CultureInfo.InvariantCulture) == identity);

    public override object? FindByName(string name) => _entries.FirstOrDefault(e => e.Name == name);

    public void Add(AutoLinkEntry entry) => _entries.Add(entry);

    public void Remove(AutoLinkEntry entry) => _entries.Remove(entry);

    public override object? Value(object row, int column)
    {
        var e = (AutoLinkEntry)row;
        return column switch
        {
            0 => e.Name,
            1 => e.Identity.ToString(CultureInfo.InvariantCulture),
            2 => TypeName,
            3 or 4 => e.Address,
            5 or 6 => e.Direction,
            7 => e.Connection,
            8 => e.ContainerId,
            9 or 10 => e.ExternalAddress,
            11 => null, // linkRef
            12 => "inactive",
            13 => null, // lastError
            _ => null,
        };
    }
}
