using Skrouterd.Amqp.Codec;
using Skrouterd.Management.Schema;

namespace Skrouterd.Management;

/// <summary>The management node's operations (agent.py ManagementEntity): QUERY and the GET-* operations.</summary>
internal sealed partial class PythonAgent
{
    private ManagementResponse NodeOperation(string op, ManagementRequest request) => op switch
    {
        "QUERY" => Ok(Query(request)),
        "GET-TYPES" => Ok(GetTypes(request)),
        "GET-ANNOTATIONS" => Ok(new AmqpMap()),
        "GET-OPERATIONS" => Ok(GetOperations(request)),
        "GET-ATTRIBUTES" => Ok(GetAttributes(request)),
        "GET-MGMT-NODES" => Ok(GetMgmtNodes()),
        "GET-SCHEMA" => Ok(SchemaDump.Dump()),
        "GET-JSON-SCHEMA" => Ok(PythonJson.Dumps(SchemaDump.Dump(), IntProperty(request, "indent"))),
        "GET-LOG" => Ok(GetLog(request)),
        "PROFILE" => Profile(request),
        "READ" => Ok(_management.Attributes),
        _ => throw ManagementException.NotImplemented($"Operation '{op}' not implemented on {_management.Type.FullyQualifiedName}"),
    };

    private static EntityTypeSchema? RequestedType(ManagementRequest request) =>
        request.EntityType is { } name ? EntityType(name) : null;

    /// <summary>
    /// QUERY: the requested attributes (404 for names the type does not have) of every entity of the type (or of all
    /// entities), leaving out rows whose values are all null. <c>offset</c> and <c>count</c> page the rows (the
    /// C router's Python agent ignores them; honouring them keeps paging clients correct).
    /// </summary>
    private AmqpMap Query(ManagementRequest request)
    {
        var type = RequestedType(request);
        IReadOnlyList<string> all = type is null ? RouterSchema.AllAttributeNames : [.. type.AttributeNames];
        List<object?> names;
        if (request.BodyMap.TryGetText("attributeNames", out var requested) && requested is List<object?> list && list.Count > 0)
        {
            var unknown = list.Where(n => n is not string s || !all.Contains(s)).Select(n => PythonRepr.Str(n)).Distinct().ToList();
            if (unknown.Count > 0)
            {
                string forType = type is null ? "" : $" for type {type.FullyQualifiedName}";
                throw ManagementException.NotFound($"Unknown attributes {PythonRepr.List(unknown)}{forType}.");
            }

            names = list;
        }
        else
        {
            names = [.. all];
        }

        long offset = Math.Max(0, request.Integer("offset") ?? 0);
        long count = request.Integer("count") ?? -1;
        var results = new List<object?>();
        long index = 0;
        foreach (var entity in Entities())
        {
            if (type is not null && !entity.Type.IsA(type))
            {
                continue;
            }

            var row = new List<object?>(names.Count);
            bool any = false;
            foreach (var n in names)
            {
                object? value = entity.Attributes[(string)n!];
                any |= value is not null;
                row.Add(value);
            }

            if (!any || index++ < offset)
            {
                continue;
            }

            if (count > 0 && results.Count >= count)
            {
                break;
            }

            results.Add(row);
        }

        return new AmqpMap { { "attributeNames", names }, { "results", results } };
    }

    private static AmqpMap GetTypes(ManagementRequest request)
    {
        var map = new AmqpMap();
        foreach (var t in RouterSchema.ByType(RequestedType(request)))
        {
            map.Add(t.FullyQualifiedName, t.AllBases.Select(b => (object?)b.FullyQualifiedName).ToList());
        }

        return map;
    }

    private static AmqpMap GetOperations(ManagementRequest request)
    {
        var type = RequestedType(request);
        var map = new AmqpMap();
        foreach (var t in RouterSchema.EntityTypes)
        {
            if (type is null || ReferenceEquals(t, type))
            {
                map.Add(t.FullyQualifiedName, t.Operations.Cast<object?>().ToList());
            }
        }

        return map;
    }

    private static AmqpMap GetAttributes(ManagementRequest request)
    {
        var type = RequestedType(request);
        var map = new AmqpMap();
        foreach (var t in RouterSchema.EntityTypes)
        {
            if (type is null || ReferenceEquals(t, type))
            {
                map.Add(t.FullyQualifiedName, t.AttributeNames.Cast<object?>().ToList());
            }
        }

        return map;
    }

    /// <summary>The management address of every router node: empty on edge and standalone routers.</summary>
    private List<object?> GetMgmtNodes() =>
        _context.Nodes.Nodes.Select(n => (object?)$"amqp:/_topo/0/{n.Id}/$management").ToList();

    /// <summary>GET-LOG: the newest <c>limit</c> log entries (all kept ones when absent), oldest first.</summary>
    private List<object?> GetLog(ManagementRequest request)
    {
        var entries = _context.LogState?.GetRecent((int)Math.Clamp(IntProperty(request, "limit") ?? -1, int.MinValue, int.MaxValue));
        return entries is null ? [] : entries.Select(e => (object?)e.ToGetLogRow().ToList()).ToList();
    }

    /// <summary>PROFILE: there is no Python profiler; <c>start</c> and <c>stop</c> are accepted and do nothing.</summary>
    private ManagementResponse Profile(ManagementRequest request)
    {
        if (request.Has("start"))
        {
            _profiling = true;
            return Ok(null);
        }

        if (!_profiling)
        {
            throw ManagementException.BadRequest("Profiler not started");
        }

        if (request.Has("stop"))
        {
            _profiling = false;
            return Ok("");
        }

        throw ManagementException.BadRequest($"Bad profile request {Describe(request)}");
    }

    /// <summary>Agent._intprop: an integer property, or null; a non-integer value is a 500 as in Python.</summary>
    private static int? IntProperty(ManagementRequest request, string key)
    {
        if (!request.Has(key) || request.Get(key) is null)
        {
            return null;
        }

        long? value = request.Integer(key);
        if (value is null)
        {
            throw ManagementException.Internal($"ValueError: invalid literal for int() with base 10: {PythonRepr.Repr(request.Get(key))}");
        }

        return (int)Math.Clamp(value.Value, int.MinValue, int.MaxValue);
    }
}
