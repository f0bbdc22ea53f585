namespace Skrouterd.Management.Schema;

/// <summary>The value type of a schema attribute (the schema's <c>type</c> field).</summary>
internal enum AttributeKind
{
    /// <summary>Text; any input is converted to its text form.</summary>
    String,

    /// <summary>A file-system path, handled exactly like <see cref="String"/>.</summary>
    Path,

    /// <summary>A reference to another entity's identity, handled exactly like <see cref="String"/>.</summary>
    EntityId,

    /// <summary>A signed integer, stored as <see cref="long"/>.</summary>
    Integer,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>One of a fixed list of tags, stored as the tag string.</summary>
    Enum,

    /// <summary>A map, stored as <see cref="Skrouterd.Amqp.Codec.AmqpMap"/>.</summary>
    Map,

    /// <summary>A list, stored as <c>List&lt;object?&gt;</c>.</summary>
    List,

    /// <summary>A map whose keys must be ASCII strings (AMQP <c>fields</c>).</summary>
    Properties,
}
