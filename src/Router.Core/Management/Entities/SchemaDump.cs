using Skrouterd.Amqp.Codec;
using Skrouterd.Management.Schema;

namespace Skrouterd.Management;

/// <summary>
/// GET-SCHEMA's body: the schema as the Python agent dumps it (schema.py <c>Schema.dump</c>): prefix and, per entity
/// type (short name), its attributes (all but <c>type</c>) with falsy fields left out, operations, fully-qualified
/// type and the singleton/deprecated flags. This schema table carries no descriptions, so none are dumped.
/// </summary>
internal static class SchemaDump
{
    private static AmqpMap? s_dump;

    public static AmqpMap Dump() => s_dump ??= Build();

    private static AmqpMap Build()
    {
        var types = new AmqpMap();
        foreach (var type in RouterSchema.EntityTypes)
        {
            var attributes = new AmqpMap();
            foreach (var a in type.Attributes)
            {
                if (a.Name != "type")
                {
                    attributes.Add(a.Name, DumpAttribute(a));
                }
            }

            var entity = new AmqpMap();
            if (attributes.Count > 0)
            {
                entity.Add("attributes", attributes);
            }

            if (type.Operations.Count > 0)
            {
                entity.Add("operations", type.Operations.Cast<object?>().ToList());
            }

            entity.Add("fullyQualifiedType", type.FullyQualifiedName);
            if (type.IsSingleton)
            {
                entity.Add("singleton", true);
            }

            types.Add(type.SchemaShortName, entity);
        }

        return new AmqpMap { { "prefix", RouterSchema.Prefix }, { "entityTypes", types } };
    }

    private static AmqpMap DumpAttribute(AttributeSchema a)
    {
        var map = new AmqpMap
        {
            { "type", a.Kind == AttributeKind.Enum ? a.Type.EnumValues.Cast<object?>().ToList() : a.Type.Name },
        };
        if (IsTruthy(a.Default))
        {
            map.Add("default", a.Default);
        }

        if (a.Required)
        {
            map.Add("required", true);
        }

        if (a.Unique)
        {
            map.Add("unique", true);
        }

        if (a.Deprecated)
        {
            map.Add("deprecated", true);
        }

        if (a.Graph)
        {
            map.Add("graph", true);
        }

        return map;
    }

    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        string s => s.Length > 0,
        _ => true,
    };
}
