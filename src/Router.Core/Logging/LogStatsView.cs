namespace Skrouterd.Logging;

/// <summary>
/// A <c>logStats</c> entity: per-module event counts by level. <c>noticeCount</c> is in the schema but the C router
/// never sets it, so management reports it as null.
/// </summary>
/// <param name="Module">Module name.</param>
/// <param name="DebugCount">Debug events.</param>
/// <param name="InfoCount">Info events.</param>
/// <param name="WarningCount">Warning events.</param>
/// <param name="ErrorCount">Error events.</param>
/// <param name="CriticalCount">Critical events.</param>
internal sealed record LogStatsView(string Module, long DebugCount, long InfoCount, long WarningCount, long ErrorCount, long CriticalCount)
{
    /// <summary>Fully-qualified entity type.</summary>
    public const string EntityType = "io.skupper.router.logStats";

    private static readonly string[] s_attributeNames =
        ["debugCount", "infoCount", "noticeCount", "warningCount", "errorCount", "criticalCount", "name", "identity", "type"];

    /// <summary>Attribute names in schema order (own attributes, then <c>name</c>, <c>identity</c>, <c>type</c>).</summary>
    public static IReadOnlyList<string> AttributeNames => s_attributeNames;

    /// <summary>Always null: the C router never sets <c>noticeCount</c>.</summary>
    public long? NoticeCount => null;

    /// <summary>The module name (C: <c>name</c> = module).</summary>
    public string Name => Module;

    /// <summary><c>logStats/&lt;MODULE&gt;</c>.</summary>
    public string Identity => "logStats/" + Module;

    /// <summary><see cref="EntityType"/>.</summary>
    public string Type => EntityType;

    /// <summary>Value of one attribute; false if the name is not a <c>logStats</c> attribute.</summary>
    public bool TryGetAttribute(string attributeName, out object? value)
    {
        value = attributeName switch
        {
            "debugCount" => DebugCount,
            "infoCount" => InfoCount,
            "noticeCount" => NoticeCount,
            "warningCount" => WarningCount,
            "errorCount" => ErrorCount,
            "criticalCount" => CriticalCount,
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
