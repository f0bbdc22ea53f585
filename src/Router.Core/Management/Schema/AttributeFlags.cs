namespace Skrouterd.Management.Schema;

/// <summary>Boolean properties of a schema attribute.</summary>
[Flags]
internal enum AttributeFlags
{
    None = 0,

    /// <summary>Must have a value after defaults are applied.</summary>
    Required = 1 << 0,

    /// <summary>No two entities may share a value.</summary>
    Unique = 1 << 1,

    /// <summary>May be given in a management CREATE.</summary>
    Create = 1 << 2,

    /// <summary>May be changed by a management UPDATE.</summary>
    Update = 1 << 3,

    /// <summary>A counter a console could plot.</summary>
    Graph = 1 << 4,

    /// <summary>Value is masked when the entity is printed (passwords).</summary>
    Hidden = 1 << 5,

    /// <summary>Attribute is deprecated.</summary>
    Deprecated = 1 << 6,
}
