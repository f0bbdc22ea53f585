namespace Skrouterd.Config;

/// <summary>
/// One entity section as parsed from a file, before schema validation. <see cref="SectionType"/> is the camelCase
/// type name as written; attribute names are camelCase; values are JSON-like (string, long, double, bool, null,
/// AmqpMap, List&lt;object?&gt;).
/// </summary>
internal sealed record ConfigSection(
    string SectionType,
    IReadOnlyList<KeyValuePair<string, object?>> Attributes,
    int Line)
{
    /// <summary>A syntax problem found inside the section, reported once the section's name is known.</summary>
    public ConfigSectionError? Error { get; init; }

    /// <summary>True for a singleton section the loader added because the file had none.</summary>
    public bool IsImplicit { get; init; }
}
