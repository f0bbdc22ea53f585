namespace Skrouterd.Cli.CommandLine;

/// <summary>
/// One option: its flags in declaration order, destination, action, value type, and the mutually exclusive group it
/// belongs to (0 = none).
/// </summary>
internal sealed record OptionSpec(
    string[] Flags,
    string Dest,
    OptionAction Action,
    OptionValueType ValueType = OptionValueType.String,
    string? Const = null,
    int ExclusiveGroup = 0)
{
    /// <summary>How argparse names the option in errors: the flags joined with '/'.</summary>
    public string DisplayName => string.Join('/', Flags);

    public bool TakesValue => Action == OptionAction.Store;
}
