using System.Globalization;
using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>
/// <c>io.skupper.router.router.config.address</c> as the C agent answers it (agent_config_address.c): the configured
/// address treatments, in creation order, with columns name, identity, type, prefix, distribution, pattern,
/// priority.
/// </summary>
internal sealed class ConfigAddressTable : CoreTable
{
    public const string TypeName = "io.skupper.router.router.config.address";

    private static readonly string[] s_columns = ["name", "identity", "type", "prefix", "distribution", "pattern", "priority"];

    private readonly List<ConfigAddressEntry> _entries = [];

    public ConfigAddressTable(ManagementContext context)
        : base(context, TypeName, s_columns)
    {
    }

    public IReadOnlyList<ConfigAddressEntry> Entries => _entries;

    public override IReadOnlyList<object> Rows() => [.. _entries];

    public override object? FindByIdentity(string identity) =>
        _entries.FirstOrDefault(e => e.Identity.ToString(CultureInfo.InvariantCulture) == identity);

    public override object? FindByName(string name) => _entries.FirstOrDefault(e => e.Name == name);

    public void Add(ConfigAddressEntry entry) => _entries.Add(entry);

    public void Remove(ConfigAddressEntry entry) => _entries.Remove(entry);

    public override object? Value(object row, int column)
    {
        var e = (ConfigAddressEntry)row;
        return column switch
        {
            0 => e.Name,
            1 => e.Identity.ToString(CultureInfo.InvariantCulture),
            2 => TypeName,
            3 => e.Config.Pattern.IsPrefix ? e.Text : null,
            4 => TreatmentNames.ToName(e.Config.Treatment),
            5 => e.Config.Pattern.IsPrefix ? null : e.Text,
            6 => e.Config.Priority,
            _ => null,
        };
    }
}
