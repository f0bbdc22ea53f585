using Skrouterd.Amqp.Codec;
using Skrouterd.Management.Schema;

namespace Skrouterd.Management;

/// <summary>
/// An entity as the Python agent holds it (agent.py <c>EntityAdapter</c>): its type and an attribute map kept in
/// insertion order (a Python dict: READ and CREATE replies list the keys in that order), refreshed from the
/// runtime object before it is read. Subclasses tie the entity to what it configures.
/// </summary>
internal class AgentEntity
{
    public AgentEntity(EntityTypeSchema type, AmqpMap attributes)
    {
        Type = type;
        Attributes = attributes;
    }

    public EntityTypeSchema Type { get; }

    /// <summary>The attribute values (string keys), null values allowed where the runtime reports none.</summary>
    public AmqpMap Attributes { get; protected set; }

    public string? Name => Attributes["name"] as string;

    public string? Identity => Attributes["identity"] as string;

    /// <summary>The Python class name used when an entity is printed in an error text (e.g. <c>ListenerEntity</c>).</summary>
    public virtual string ClassName =>
        string.Concat(Type.SchemaShortName.Split('.', '_', '-', ' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])) + "Entity";

    /// <summary>Updates the runtime-owned attributes (counters, status) before the entity is read.</summary>
    public virtual void Refresh()
    {
    }

    /// <summary>Tears down what the entity configures (DELETE).</summary>
    public virtual void Delete()
    {
    }

    /// <summary>
    /// Applies an UPDATE whose validated attributes are <paramref name="attributes"/> and <paramref name="changes"/> the
    /// attributes the request gave; throws <see cref="ManagementException"/> to refuse.
    /// </summary>
    public virtual void Update(AmqpMap attributes, AmqpMap changes) => Attributes = attributes;

    /// <summary>Python's <c>str(entity)</c>: <c>ClassName(k=v, ...)</c> with keys sorted and hidden values masked.</summary>
    public override string ToString()
    {
        var parts = new List<string>(Attributes.Count);
        foreach (var e in Attributes.OrderBy(e => e.Key as string, StringComparer.Ordinal))
        {
            string key = (string)e.Key!;
            bool hidden = Type.FindAttribute(key)?.Hidden ?? false;
            parts.Add(key + "=" + (hidden ? "*******" : PythonRepr.Str(e.Value)));
        }

        return ClassName + "(" + string.Join(", ", parts) + ")";
    }
}
