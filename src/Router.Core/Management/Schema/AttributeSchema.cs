namespace Skrouterd.Management.Schema;

/// <summary>One attribute of an entity type, as declared by the management schema.</summary>
internal sealed class AttributeSchema
{
    public AttributeSchema(
        string name,
        AttributeType type,
        object? defaultValue = null,
        AttributeFlags flags = AttributeFlags.None,
        string? deprecationName = null)
    {
        Name = name;
        Type = type;
        Default = defaultValue;
        Flags = flags;
        DeprecationName = deprecationName;
    }

    public string Name { get; }

    public AttributeType Type { get; }

    public AttributeKind Kind => Type.Kind;

    /// <summary>
    /// Value used when the attribute is absent (already of the stored CLR type: string, long, bool, enum tag), or null.
    /// </summary>
    public object? Default { get; }

    public AttributeFlags Flags { get; }

    /// <summary>An older spelling still accepted (with a warning) in place of <see cref="Name"/>.</summary>
    public string? DeprecationName { get; }

    public bool Required => (Flags & AttributeFlags.Required) != 0;

    public bool Unique => (Flags & AttributeFlags.Unique) != 0;

    public bool Create => (Flags & AttributeFlags.Create) != 0;

    public bool Update => (Flags & AttributeFlags.Update) != 0;

    public bool Graph => (Flags & AttributeFlags.Graph) != 0;

    public bool Hidden => (Flags & AttributeFlags.Hidden) != 0;

    public bool Deprecated => (Flags & AttributeFlags.Deprecated) != 0;

    /// <summary>The entity type whose schema entry declares this attribute (a base type for inherited ones).</summary>
    public EntityTypeSchema DefinedIn { get; private set; } = null!;

    internal void SetDefinedIn(EntityTypeSchema owner) => DefinedIn = owner;

    public override string ToString() => Name;
}
