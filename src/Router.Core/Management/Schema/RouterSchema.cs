namespace Skrouterd.Management.Schema;

/// <summary>
/// The skupper-router 2.7.6 management schema (entity types, attributes, operations), built from a static table.
/// </summary>
internal static class RouterSchema
{
    public const string Prefix = "io.skupper.router";
    public const string EntityName = "entity";
    public const string ConfigurationEntityName = "configurationEntity";
    public const string OperationalEntityName = "operationalEntity";

    private const string PrefixDot = Prefix + ".";

    private static readonly EntityTypeSchema[] _types;
    private static readonly Dictionary<string, EntityTypeSchema> _byLongName;
    private static readonly string[] _allAttributeNames;

    static RouterSchema()
    {
        _types = SchemaTable.CreateAll();
        _byLongName = _types.ToDictionary(t => t.FullyQualifiedName, StringComparer.Ordinal);
        foreach (var t in _types)
        {
            t.Resolve(name => _byLongName[LongName(name)]);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var all = new List<string>();
        foreach (var t in _types)
        {
            foreach (var a in t.Attributes)
            {
                if (seen.Add(a.Name))
                {
                    all.Add(a.Name);
                }
            }
        }

        _allAttributeNames = [.. all];
    }

    /// <summary>Every entity type, in schema order.</summary>
    public static IReadOnlyList<EntityTypeSchema> EntityTypes => _types;

    /// <summary>Union of all attribute names over all types, in first-seen order (QUERY without entityType).</summary>
    public static IReadOnlyList<string> AllAttributeNames => _allAttributeNames;

    public static EntityTypeSchema Entity => _byLongName[PrefixDot + EntityName];

    public static EntityTypeSchema ConfigurationEntity => _byLongName[PrefixDot + ConfigurationEntityName];

    public static EntityTypeSchema OperationalEntity => _byLongName[PrefixDot + OperationalEntityName];

    /// <summary>
    /// Looks a type up by its fully-qualified name (<c>io.skupper.router.listener</c>) or its name without the
    /// prefix (<c>listener</c>, <c>router.config.address</c>, <c>org.amqp.management</c>), as the Python agent does.
    /// The abbreviations <c>address</c>/<c>autoLink</c> are not names of the schema (config files map them).
    /// </summary>
    public static EntityTypeSchema? Find(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return _byLongName.GetValueOrDefault(name) ?? _byLongName.GetValueOrDefault(LongName(name));
    }

    /// <summary>Like <see cref="Find"/> but throws <c>No such entity type '&lt;name&gt;'</c>.</summary>
    public static EntityTypeSchema Get(string? name) =>
        Find(name) ?? throw new EntityValidationException($"No such entity type '{name}'", null, null);

    /// <summary>Adds the <c>io.skupper.router.</c> prefix unless already present.</summary>
    public static string LongName(string name) =>
        string.IsNullOrEmpty(name) || name.StartsWith(PrefixDot, StringComparison.Ordinal) ? name : PrefixDot + name;

    /// <summary>Removes the <c>io.skupper.router.</c> prefix if present.</summary>
    public static string ShortName(string name) =>
        name.StartsWith(PrefixDot, StringComparison.Ordinal) ? name[PrefixDot.Length..] : name;

    /// <summary>Types that are, or extend, <paramref name="type"/>; all types when it is null (GET-TYPES filter).</summary>
    public static IEnumerable<EntityTypeSchema> ByType(EntityTypeSchema? type) =>
        type is null ? _types : _types.Where(t => t.IsA(type));
}
