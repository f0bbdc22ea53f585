namespace Skrouterd.Cli.CommandLine;

/// <summary>Option values by destination (only those given) and the arguments no option claimed.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public List<string> Extras { get; } = [];

    public void Set(string dest, object? value) => _values[dest] = value;

    public bool Has(string dest) => _values.ContainsKey(dest);

    public string? GetString(string dest) => _values.GetValueOrDefault(dest) as string;

    public long? GetInt(string dest) => _values.GetValueOrDefault(dest) is long i ? i : null;

    public double? GetDouble(string dest) => _values.GetValueOrDefault(dest) is double d ? d : null;

    public bool GetFlag(string dest) => _values.GetValueOrDefault(dest) is true;

    public int GetCount(string dest) => _values.GetValueOrDefault(dest) is int i ? i : 0;
}
