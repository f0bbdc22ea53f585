using Skrouterd.Amqp.Codec;
using Skrouterd.Config;
using Skrouterd.Management.Schema;

namespace Skrouterd.Management;

/// <summary>
/// Every entity type the C router's Python agent answers (agent.py): configuration entities (listeners,
/// connectors, sslProfiles, adaptor entities, vhosts, the router and policy singletons), <c>log</c>,
/// <c>logStats</c>, <c>router.node</c>, the management node and its operations (QUERY, GET-*). Errors and replies
/// follow agent.py: status codes, description texts, <c>statusCode</c> first, attribute maps in insertion order.
/// Runs on the agent's loop only.
/// </summary>
internal sealed partial class PythonAgent
{
    private static readonly string[] s_hostPortTypes = ["listener", "connector", "tcpListener", "tcpConnector", "httpListener", "httpConnector"];

    private readonly ManagementContext _context;
    private readonly List<AgentEntity> _stored = [];
    private readonly AgentEntity _management = GeneratedEntities.Management();
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private bool _profiling;

    public PythonAgent(ManagementContext context)
    {
        _context = context;
    }

    /// <summary>Entities created by configuration or CREATE, in creation order (the router and policy singletons first).</summary>
    public IReadOnlyList<AgentEntity> Stored => _stored;

    /// <summary>
    /// Every entity, refreshed: the management node, the <c>log</c> entities, stored entities in creation order,
    /// <c>logStats</c> and <c>router.node</c>.
    /// </summary>
    public IEnumerable<AgentEntity> Entities()
    {
        yield return _management;
        if (_context.LogState is { } logs)
        {
            foreach (var view in logs.Query())
            {
                yield return new LogEntity(logs, view);
            }
        }

        foreach (var e in _stored.ToArray())
        {
            e.Refresh();
            yield return e;
        }

        if (_context.LogState is { } stats)
        {
            foreach (var view in stats.QueryStats())
            {
                yield return GeneratedEntities.LogStats(view);
            }
        }

        foreach (var node in _context.Nodes.Nodes)
        {
            yield return GeneratedEntities.RouterNode(node);
        }
    }

    /// <summary>Lists the configuration file's entities (except log, address and autoLink, which others list).</summary>
    public void LoadConfiguration(RouterConfig? config)
    {
        if (config is null)
        {
            _stored.Add(Singleton("router", new AmqpMap { { "id", _context.Core.Id }, { "mode", ModeName() } }));
            _stored.Add(Singleton("policy", new AmqpMap()));
            return;
        }

        foreach (var entity in config.Entities)
        {
            switch (entity.TypeName)
            {
                case "log":
                case "router.config.address":
                case "router.config.autoLink":
                    break;
                default:
                    var attributes = FromConfiguration(entity.Type, entity.Attributes);
                    _stored.Add(Bind(entity.Type, attributes, entity.Attributes));
                    break;
            }
        }
    }

    public ManagementResponse Handle(ManagementRequest request)
    {
        string operation = request.Operation
            ?? throw ManagementException.BadRequest($"No 'operation' property: {Describe(request)}");
        string op = operation.ToUpperInvariant();
        if (op == "CREATE")
        {
            return Create(request);
        }

        var target = FindEntity(request);
        if (!target.Type.AllowsOperation(op))
        {
            throw NotAllowed(op, target.Type);
        }

        if (ReferenceEquals(target, _management))
        {
            return NodeOperation(op, request);
        }

        return op switch
        {
            "READ" => Read(target, request),
            "UPDATE" => Update(target, request),
            "DELETE" => Delete(target),
            "CALLME" => Ok(CopyProperties(request)),
            _ => throw ManagementException.NotImplemented($"Operation '{operation}' not implemented on {target.Type.FullyQualifiedName}"),
        };
    }

    private ManagementResponse Read(AgentEntity target, ManagementRequest request)
    {
        target.Refresh();
        if (request.Type is { } requested && RouterSchema.LongName(requested) != target.Type.FullyQualifiedName)
        {
            throw ManagementException.NotFound(
                $"Entity type '{target.Type.FullyQualifiedName}' does match requested type '{RouterSchema.LongName(requested)}'");
        }

        return Ok(target.Attributes);
    }

    // EntityAdapter.update: update_check, merge, validate, apply.
    private ManagementResponse Update(AgentEntity target, ManagementRequest request)
    {
        target.Refresh();
        var changes = TextKeys(request.BodyMap);
        try
        {
            EntityValidator.CheckUpdate(target.Type, changes.Select(e => new KeyValuePair<string, object?>((string)e.Key!, e.Value)), ToAttributeSet(target.Attributes));
        }
        catch (EntityValidationException e)
        {
            throw ManagementException.BadRequest(e.Message);
        }

        var merged = new AmqpMap(target.Attributes.Count + changes.Count);
        foreach (var e in target.Attributes)
        {
            merged.Add(e.Key, e.Value);
        }

        foreach (var e in changes)
        {
            merged[e.Key!] = e.Value;
        }

        var validated = Validate(target.Type, merged);
        var result = Ordered(target.Type, merged, validated);
        target.Update(result, changes);
        return Ok(target.Attributes);
    }

    private ManagementResponse Delete(AgentEntity target)
    {
        target.Delete();
        _stored.Remove(target);
        return ManagementResponse.Of(ManagementStatus.NoContent, new AmqpMap(), ValueStyle.Python);
    }

    // Agent.find_entity: by name, else identity (both must match when both are given); type must be an ancestor.
    private AgentEntity FindEntity(ManagementRequest request)
    {
        EntityTypeSchema? requestedType = null;
        if (request.Type is { } typeName)
        {
            requestedType = EntityType(typeName);
        }

        var ids = new List<(string Key, string? Value)>(2);
        foreach (string key in (string[])["name", "identity"])
        {
            if (request.Has(key))
            {
                ids.Add((key, request.Text(key)));
            }
        }

        if (ids.Count == 0)
        {
            if (requestedType is null || _management.Type.IsA(requestedType))
            {
                return _management;
            }

            throw ManagementException.BadRequest($"{requestedType.FullyQualifiedName}: No name or identity provided");
        }

        string description = string.Join(" ", ids.Select(i => $"{i.Key}={PythonRepr.Str(i.Value)}"));
        var (k, v) = ids[0];
        var found = Entities().Where(e => e.Attributes[k] as string == v && v is not null).ToList();
        if (found.Count > 1)
        {
            throw ManagementException.Internal($"Duplicate ({found.Count}) entities with {k}={v}");
        }

        if (found.Count == 0)
        {
            throw ManagementException.NotFound($"No entity with {description}");
        }

        var entity = found[0];
        foreach (var (key, value) in ids)
        {
            if (entity.Attributes[key] as string != value)
            {
                throw ManagementException.BadRequest($"Conflicting {description}");
            }
        }

        if (requestedType is not null && !entity.Type.IsA(requestedType))
        {
            throw ManagementException.BadRequest(
                $"Entity type '{entity.Type.FullyQualifiedName}' does not extend requested type '{requestedType.FullyQualifiedName}'");
        }

        return entity;
    }

    /// <summary>The schema type named <paramref name="name"/> (short or fully qualified), else 400 <c>No such entity type</c>.</summary>
    private static EntityTypeSchema EntityType(string name) =>
        RouterSchema.Find(name) ?? throw ManagementException.BadRequest($"No such entity type '{name}'");

    private static ManagementException NotAllowed(string op, EntityTypeSchema type) =>
        ManagementException.NotImplemented($"Operation '{op}' not implemented for '{type.FullyQualifiedName}' {PythonRepr.List(type.Operations)}");

    private static ManagementResponse Ok(object? body) => ManagementResponse.Ok(body ?? new AmqpMap(), ValueStyle.Python);

    private static AmqpMap CopyProperties(ManagementRequest request)
    {
        var map = new AmqpMap();
        foreach (var e in request.Properties)
        {
            map.Add(e.Key, e.Value);
        }

        return map;
    }

    private string ModeName() => _context.Core.Mode switch
    {
        Routing.RouterMode.Interior => "interior",
        Routing.RouterMode.Edge => "edge",
        _ => "standalone",
    };

    /// <summary>The request as Python's Message repr would show it (for the missing-operation error).</summary>
    private static string Describe(ManagementRequest request) =>
        $"Message(address={PythonRepr.Repr(request.ReplyTo)}, properties={PythonRepr.Repr(request.Properties)}, body={PythonRepr.Repr(request.Body)}, reply_to={PythonRepr.Repr(request.ReplyTo)}, correlation_id=None, content_type=None)";
}
