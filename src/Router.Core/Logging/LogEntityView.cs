namespace Skrouterd.Logging;

/// <summary>
/// What management READ/QUERY/UPDATE return for a <c>log</c> entity: the attributes as configured (not the inherited
/// effective values), unset ones null.
/// </summary>
/// <param name="Module">Module name.</param>
/// <param name="Enable">Configured <c>enable</c> string (after the load-time <c>trace</c> → <c>debug</c> rewrite).</param>
/// <param name="IncludeTimestamp">Configured <c>includeTimestamp</c>.</param>
/// <param name="IncludeSource">Configured <c>includeSource</c>.</param>
/// <param name="OutputFile">Configured <c>outputFile</c>.</param>
/// <param name="Name">Entity name: configured, else the identity.</param>
internal sealed record LogEntityView(string Module, string? Enable, bool? IncludeTimestamp, bool? IncludeSource, string? OutputFile, string Name)
{
    /// <summary>Fully-qualified entity type.</summary>
    public const string EntityType = "io.skupper.router.log";

    private static readonly string[] s_attributeNames =
        ["module", "enable", "includeTimestamp", "includeSource", "outputFile", "name", "identity", "type"];

    /// <summary>Attribute names in schema order (own attributes, then <c>name</c>, <c>identity</c>, <c>type</c>).</summary>
    public static IReadOnlyList<string> AttributeNames => s_attributeNames;

    /// <summary><c>log/&lt;MODULE&gt;</c>.</summary>
    public string Identity => IdentityOf(Module);

    /// <summary><see cref="EntityType"/>.</summary>
    public string Type => EntityType;

    /// <summary><c>log/&lt;MODULE&gt;</c> for a module name.</summary>
    public static string IdentityOf(string module) => "log/" + module;

    /// <summary>Value of one attribute (null if unset); false if the name is not a <c>log</c> attribute.</summary>
    public bool TryGetAttribute(string attributeName, out object? value)
    {
        value = attributeName switch
        {
            "module" => Module,
            "enable" => Enable,
            "includeTimestamp" => IncludeTimestamp,
            "includeSource" => IncludeSource,
            "outputFile" => OutputFile,
            "name" => Name,
            "identity" => Identity,
            "type" => Type,
            _ => null,
        };
        return Array.IndexOf(s_attributeNames, attributeName) >= 0;
    }

    /// <summary>All attributes, in <see cref="AttributeNames"/> order.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> ToAttributes()
    {
        var result = new KeyValuePair<string, object?>[s_attributeNames.Length];
        for (int i = 0; i < s_attributeNames.Length; i++)
        {
            TryGetAttribute(s_attributeNames[i], out object? value);
            result[i] = new KeyValuePair<string, object?>(s_attributeNames[i], value);
        }

        return result;
    }
}
