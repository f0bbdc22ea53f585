namespace Skrouterd.Management.Schema;

/// <summary>
/// One entity type of the management schema, with the attributes and operations it inherits from its base
/// types already merged in (own first, then the base chain's), as the Python agent reports them.
/// </summary>
internal sealed class EntityTypeSchema
{
    private readonly string? _baseName;
    private readonly AttributeSchema[] _ownAttributes;
    private readonly string[] _ownOperations;
    private Dictionary<string, AttributeSchema> _byName = new(StringComparer.Ordinal);
    private AttributeSchema[] _attributes = [];
    private string[] _operations = [];
    private EntityTypeSchema[] _allBases = [];

    public EntityTypeSchema(
        string name,
        string? extends,
        string[] operations,
        AttributeSchema[] attributes,
        bool singleton = false,
        bool referential = false)
    {
        Name = name;
        FullyQualifiedName = RouterSchema.LongName(name);
        SchemaShortName = name.StartsWith("router.config.", StringComparison.Ordinal)
            ? name["router.config.".Length..]
            : name;
        _baseName = extends;
        _ownOperations = operations;
        _ownAttributes = attributes;
        IsSingleton = singleton;
        IsReferential = referential;
        foreach (var a in attributes)
        {
            a.SetDefinedIn(this);
        }
    }

    /// <summary>Name without the schema prefix, as the schema file keys it (e.g. <c>router.config.address</c>).</summary>
    public string Name { get; }

    /// <summary><c>io.skupper.router.</c> + <see cref="Name"/>.</summary>
    public string FullyQualifiedName { get; }

    /// <summary>
    /// The Python agent's short name: <see cref="Name"/> with a leading <c>router.config.</c> removed
    /// (<c>address</c>, <c>autoLink</c>); the key used in GET-SCHEMA output.
    /// </summary>
    public string SchemaShortName { get; }

    public bool IsSingleton { get; }

    /// <summary>Entities of this type can be referred to by name from other entities (sslProfile).</summary>
    public bool IsReferential { get; }

    /// <summary>Direct base type, or null for the root <c>entity</c>.</summary>
    public EntityTypeSchema? Base { get; private set; }

    /// <summary>All base types, nearest first.</summary>
    public IReadOnlyList<EntityTypeSchema> AllBases => _allBases;

    /// <summary>Operations declared by this type only.</summary>
    public IReadOnlyList<string> OwnOperations => _ownOperations;

    /// <summary>Allowed operations: own first, then inherited (the GET-OPERATIONS order).</summary>
    public IReadOnlyList<string> Operations => _operations;

    /// <summary>Attributes declared by this type only, in schema order.</summary>
    public IReadOnlyList<AttributeSchema> OwnAttributes => _ownAttributes;

    /// <summary>
    /// All attributes: own in schema order, then inherited (<c>name</c>, <c>identity</c>, <c>type</c>). This is the
    /// GET-ATTRIBUTES list and the column order of a Python-agent QUERY without <c>attributeNames</c>.
    /// </summary>
    public IReadOnlyList<AttributeSchema> Attributes => _attributes;

    /// <summary>True when this type extends <c>configurationEntity</c>.</summary>
    public bool IsConfiguration => Extends(RouterSchema.ConfigurationEntityName);

    /// <summary>True when this type extends <c>operationalEntity</c>.</summary>
    public bool IsOperational => Extends(RouterSchema.OperationalEntityName);

    public IEnumerable<string> AttributeNames => _attributes.Select(a => a.Name);

    public bool AllowsOperation(string operation)
    {
        foreach (var op in _operations)
        {
            if (string.Equals(op, operation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds an attribute by its current name (not a deprecated alias).</summary>
    public AttributeSchema? FindAttribute(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Finds the attribute that <paramref name="alias"/> is a deprecated spelling of, or null.</summary>
    public AttributeSchema? FindDeprecatedAlias(string alias)
    {
        foreach (var a in _attributes)
        {
            if (a.DeprecationName == alias)
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>True if <paramref name="baseName"/> (short or fully-qualified) is one of this type's bases.</summary>
    public bool Extends(string baseName)
    {
        string fq = RouterSchema.LongName(baseName);
        foreach (var b in _allBases)
        {
            if (b.FullyQualifiedName == fq)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True if this type is <paramref name="other"/> or extends it.</summary>
    public bool IsA(EntityTypeSchema other) => ReferenceEquals(this, other) || _allBases.Contains(other);

    /// <summary>Links the base chain and merges inherited attributes and operations; called once by <see cref="RouterSchema"/>.</summary>
    internal void Resolve(Func<string, EntityTypeSchema> lookup)
    {
        if (_baseName is not null && Base is null)
        {
            var b = lookup(_baseName);
            b.Resolve(lookup);
            Base = b;
            _allBases = [b, .. b._allBases];
            _operations = [.. _ownOperations, .. b._operations];
            _attributes = [.. _ownAttributes, .. b._attributes];
        }
        else if (_baseName is null)
        {
            _operations = _ownOperations;
            _attributes = _ownAttributes;
        }

        _byName = _attributes.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public override string ToString() => FullyQualifiedName;
}
