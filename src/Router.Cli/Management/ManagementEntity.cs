using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Management;

/// <summary>
/// An entity's attributes with the Python client's access rules: reading an attribute the row does not have raises
/// AttributeError (skstat relies on that to detect older routers).
/// </summary>
internal sealed class ManagementEntity
{
    public ManagementEntity(AmqpMap attributes) => Attributes = attributes;

    public AmqpMap Attributes { get; }

    public bool Has(string name) => PyDict.TryGet(Attributes, name, out _);

    /// <summary><c>entity.name</c>: the value, or AttributeError when absent.</summary>
    public object? this[string name] => PyDict.TryGet(Attributes, name, out var v) ? v : throw PyErrors.AttributeError();

    /// <summary><c>getattr(entity, name, None)</c>.</summary>
    public object? GetOrNone(string name) => PyDict.TryGet(Attributes, name, out var v) ? v : null;
}
