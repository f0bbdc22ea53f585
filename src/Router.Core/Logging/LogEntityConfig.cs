namespace Skrouterd.Logging;

/// <summary>
/// The attributes of a <c>log</c> entity as given by a configuration file or a management UPDATE body. A null
/// property means "not given". Booleans must already be coerced from the schema's yes/no/true/false/on/off forms.
/// </summary>
/// <param name="Module">Module name, e.g. <c>SERVER</c> (case-sensitive, as in the schema enum).</param>
internal sealed record LogEntityConfig(string Module)
{
    /// <summary>The <c>enable</c> level string, e.g. <c>info+</c>.</summary>
    public string? Enable { get; init; }

    /// <summary><c>includeTimestamp</c>.</summary>
    public bool? IncludeTimestamp { get; init; }

    /// <summary><c>includeSource</c>.</summary>
    public bool? IncludeSource { get; init; }

    /// <summary><c>outputFile</c>: <c>stderr</c>, <c>stdout</c>, <c>syslog</c> or a path.</summary>
    public string? OutputFile { get; init; }

    /// <summary>The entity <c>name</c>; defaults to <c>log/&lt;MODULE&gt;</c>.</summary>
    public string? Name { get; init; }
}
