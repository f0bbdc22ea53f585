using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management.Schema;

/// <summary>
/// Validates an attribute map against an entity type: rejects unknown attributes, converts values to their schema
/// types, maps deprecated spellings, fills defaults, checks required attributes and (for CREATE) the create flag.
/// Shared by configuration loading and management CREATE/UPDATE.
/// </summary>
internal static class EntityValidator
{
    /// <summary>Validates an AMQP body map (keys may be strings or symbols).</summary>
    public static ValidationResult Validate(EntityTypeSchema type, AmqpMap attributes, ValidationMode mode)
    {
        var items = new List<KeyValuePair<string, object?>>(attributes.Count);
        foreach (var kv in attributes)
        {
            string key = kv.Key switch
            {
                string s => s,
                AmqpSymbol y => y.Value,
                _ => throw new EntityValidationException(
                    $"Attribute names must be strings, got {AttributeCoercion.Describe(kv.Key)}", null, type),
            };
            items.Add(new(key, kv.Value));
        }

        return Validate(type, items, mode);
    }

    /// <summary>
    /// Validates <paramref name="attributes"/> (name/value pairs; a null value counts as absent; a repeated name keeps
    /// the last value) against <paramref name="type"/>. The result always carries <c>type</c> = the fully-qualified name.
    /// </summary>
    public static ValidationResult Validate(
        EntityTypeSchema type,
        IEnumerable<KeyValuePair<string, object?>> attributes,
        ValidationMode mode)
    {
        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var kv in attributes)
        {
            if (!input.ContainsKey(kv.Key))
            {
                order.Add(kv.Key);
            }

            input[kv.Key] = kv.Value;
        }

        // CREATE: every given attribute must exist and be settable (the Python agent checks this first, unprefixed).
        if (mode == ValidationMode.Create)
        {
            foreach (string name in order)
            {
                var attr = type.FindAttribute(name) ?? type.FindDeprecatedAlias(name)
                    ?? throw UnknownAttribute(type, name, fromTypeValidation: false);
                if (!attr.Create)
                {
                    throw new EntityValidationException($"Cannot set attribute '{name}' in CREATE", name, type);
                }
            }
        }

        foreach (string name in order)
        {
            if (type.FindAttribute(name) is null && type.FindDeprecatedAlias(name) is null)
            {
                throw UnknownAttribute(type, name, fromTypeValidation: true);
            }
        }

        var warnings = new List<string>();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);

        // Deprecated spellings: move the value to the current name (both given is an error).
        foreach (var attr in type.Attributes)
        {
            if (attr.DeprecationName is { } alias && input.TryGetValue(alias, out var aliasValue))
            {
                input.Remove(alias);
                if (aliasValue is null)
                {
                    continue;
                }

                if (input.GetValueOrDefault(attr.Name) is not null)
                {
                    throw new EntityValidationException(
                        $"Both '{alias}' and '{attr.Name}' cannot be specified for entity '{type.SchemaShortName}'",
                        alias,
                        type,
                        fromTypeValidation: true);
                }

                warnings.Add($"Attribute '{alias}' of entity '{type.SchemaShortName}' has been deprecated. Use '{attr.Name}' instead");
                input[attr.Name] = aliasValue;
                order[order.IndexOf(alias)] = attr.Name;
                order = [.. order.Distinct()];
            }
        }

        // Defaults and required attributes.
        foreach (var attr in type.Attributes)
        {
            if (input.GetValueOrDefault(attr.Name) is null)
            {
                if (attr.Default is not null)
                {
                    values[attr.Name] = attr.Default;
                }
                else if (attr.Required && attr.Name != "type")
                {
                    throw new EntityValidationException(
                        $"Missing required attribute '{attr.Name}'", attr.Name, type, fromTypeValidation: true);
                }
            }
        }

        // Convert the given values, in the order they were given.
        foreach (string name in order)
        {
            if (!input.TryGetValue(name, out var value) || value is null)
            {
                continue;
            }

            var attr = type.FindAttribute(name)!;
            values[name] = attr.Name == "type" ? type.FullyQualifiedName : AttributeCoercion.Coerce(attr, value, type);
        }

        values["type"] = type.FullyQualifiedName;
        return new ValidationResult(AttributeSet.InSchemaOrder(values, type), warnings);
    }

    /// <summary>
    /// UPDATE rule: each given attribute must exist, and must be updatable unless its value is unchanged
    /// (<c>Cannot update attribute '&lt;a&gt;' in UPDATE</c>).
    /// </summary>
    public static void CheckUpdate(EntityTypeSchema type, IEnumerable<KeyValuePair<string, object?>> changes, AttributeSet current)
    {
        foreach (var (name, value) in changes)
        {
            var attr = type.FindAttribute(name) ?? type.FindDeprecatedAlias(name)
                ?? throw UnknownAttribute(type, name, fromTypeValidation: false);
            if (attr.Update)
            {
                continue;
            }

            if (current.TryGetValue(attr.Name, out var old) && Same(attr, old, value, type))
            {
                continue;
            }

            throw new EntityValidationException($"Cannot update attribute '{name}' in UPDATE", name, type);
        }
    }

    private static bool Same(AttributeSchema attr, object? old, object? value, EntityTypeSchema type)
    {
        if (AmqpValueComparer.Instance.Equals(old, value))
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        try
        {
            return AmqpValueComparer.Instance.Equals(old, AttributeCoercion.Coerce(attr, value, type));
        }
        catch (EntityValidationException)
        {
            return false;
        }
    }

    private static EntityValidationException UnknownAttribute(EntityTypeSchema type, string name, bool fromTypeValidation) =>
        new($"Unknown attribute '{name}' for '{type.FullyQualifiedName}'", name, type, fromTypeValidation);
}
