namespace Skrouterd.Management.Schema;

/// <summary>
/// The type of a schema attribute: a built-in kind, or an enumeration with its tags in schema order
/// (the position of a tag is its integer value).
/// </summary>
internal sealed class AttributeType
{
    public static readonly AttributeType String = new(AttributeKind.String, "string", []);
    public static readonly AttributeType Path = new(AttributeKind.Path, "path", []);
    public static readonly AttributeType EntityId = new(AttributeKind.EntityId, "entityId", []);
    public static readonly AttributeType Integer = new(AttributeKind.Integer, "integer", []);
    public static readonly AttributeType Boolean = new(AttributeKind.Boolean, "boolean", []);
    public static readonly AttributeType Map = new(AttributeKind.Map, "map", []);
    public static readonly AttributeType List = new(AttributeKind.List, "list", []);
    public static readonly AttributeType Properties = new(AttributeKind.Properties, "properties", []);

    private AttributeType(AttributeKind kind, string name, string[] tags)
    {
        Kind = kind;
        Name = name;
        EnumValues = tags;
    }

    public AttributeKind Kind { get; }

    /// <summary>
    /// The schema's name for the type (<c>string</c>, <c>integer</c>, …); for an enum the Python-style
    /// rendering <c>enum['a', 'b']</c> used in error texts.
    /// </summary>
    public string Name { get; }

    /// <summary>The tags of an enum type, in schema order; empty for other kinds.</summary>
    public IReadOnlyList<string> EnumValues { get; }

    /// <summary>True for the kinds stored as text (string, path, entityId).</summary>
    public bool IsText => Kind is AttributeKind.String or AttributeKind.Path or AttributeKind.EntityId;

    public static AttributeType Enum(params string[] tags)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tags.Length);
        string name = "enum[" + string.Join(", ", tags.Select(t => "'" + t + "'")) + "]";
        return new AttributeType(AttributeKind.Enum, name, tags);
    }

    /// <summary>Index of a tag (its integer value), or -1.</summary>
    public int IndexOf(string tag)
    {
        for (int i = 0; i < EnumValues.Count; i++)
        {
            if (EnumValues[i] == tag)
            {
                return i;
            }
        }

        return -1;
    }

    public override string ToString() => Name;
}
