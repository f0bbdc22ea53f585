namespace Skrouterd.Management.Schema;

/// <summary>
/// An attribute map does not satisfy the schema. <see cref="Exception.Message"/> is the bare description
/// (e.g. <c>Missing required attribute 'host'</c>); <see cref="ManagementDescription"/> is what the Python agent puts
/// in a 400 response's statusDescription.
/// </summary>
internal sealed class EntityValidationException : Exception
{
    public EntityValidationException(string message, string? attribute, EntityTypeSchema? entityType, bool fromTypeValidation = false)
        : base(message)
    {
        Attribute = attribute;
        EntityType = entityType;
        FromTypeValidation = fromTypeValidation;
    }

    /// <summary>The attribute at fault, when the error concerns one.</summary>
    public string? Attribute { get; }

    /// <summary>The entity type being validated, when known.</summary>
    public EntityTypeSchema? EntityType { get; }

    /// <summary>
    /// True when the Python agent would raise the error from inside the type's validate step, which prefixes
    /// the message with the fully-qualified type name.
    /// </summary>
    public bool FromTypeValidation { get; }

    /// <summary>The statusDescription text: <c>&lt;FQ type&gt;: &lt;message&gt;</c> for type-validation errors, else the message.</summary>
    public string ManagementDescription =>
        FromTypeValidation && EntityType is not null ? EntityType.FullyQualifiedName + ": " + Message : Message;
}
