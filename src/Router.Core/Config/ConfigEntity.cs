using Skrouterd.Management.Schema;

namespace Skrouterd.Config;

/// <summary>A validated entity from a configuration file: its schema type, typed values in schema order, and origin.</summary>
internal sealed record ConfigEntity(EntityTypeSchema Type, AttributeSet Attributes, string File, int Line)
{
    /// <summary>The section type as written in the file (camelCase), e.g. <c>address</c> for <c>router.config.address</c>.</summary>
    public string SectionType { get; init; } = Type.Name;

    /// <summary>
    /// True for entities the loader added rather than read: a missing <c>router</c>/<c>policy</c> singleton, or the
    /// <c>log</c> entity of a module the file does not configure. <see cref="Line"/> is 0 for these.
    /// </summary>
    public bool IsImplicit { get; init; }

    /// <summary>The configured <c>name</c>, if any.</summary>
    public string? Name => Attributes.GetString("name");

    /// <summary>Short type name, e.g. <c>listener</c> or <c>router.config.address</c>.</summary>
    public string TypeName => Type.Name;

    public object? this[string attribute] => Attributes[attribute];

    public override string ToString() =>
        Name is null ? $"{SectionType} ({File}:{Line})" : $"{SectionType} \"{Name}\" ({File}:{Line})";
}
