using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Codec;
using Skrouterd.Config;
using Skrouterd.Management.Schema;
using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>CREATE (agent.py Agent.create / _create) and the attribute bookkeeping shared with configuration loading.</summary>
internal sealed partial class PythonAgent
{
    private static readonly string[] s_reservedOpenPropertyKeys =
        ["product", "version", "failover-server-list", "network-host", "port", "schemehostname"];

    private ManagementResponse Create(ManagementRequest request)
    {
        // type and name come from the application properties; a body value may only repeat them.
        var attributes = TextKeys(request.BodyMap);
        foreach (string key in (string[])["type", "name"])
        {
            object? property = request.Get(key);
            if (IsTruthy(property))
            {
                if (attributes.TryGetValue(key, out var old) && old is not null && !AmqpValueComparer.Instance.Equals(old, property))
                {
                    throw ManagementException.BadRequest($"Conflicting values for '{key}'");
                }
            }

            attributes[key] = property;
        }

        if (attributes["type"] is null)
        {
            throw ManagementException.BadRequest($"No 'type' attribute in {PythonRepr.Repr(attributes)}");
        }

        var type = EntityType(PythonRepr.Str(attributes["type"]));
        if (!type.AllowsOperation("CREATE"))
        {
            throw NotAllowed("CREATE", type);
        }

        foreach (var e in attributes)
        {
            string key = (string)e.Key!;
            var attr = type.FindAttribute(key) ?? type.FindDeprecatedAlias(key)
                ?? throw ManagementException.BadRequest($"Unknown attribute '{key}' for '{type.FullyQualifiedName}'");
            if (!attr.Create)
            {
                throw ManagementException.BadRequest($"Cannot set attribute '{key}' in CREATE");
            }
        }

        AddIdentity(type, attributes);
        var validated = Validate(type, attributes);
        var ordered = Ordered(type, attributes, validated);
        CheckOpenProperties(type, validated);
        var candidate = new AgentEntity(type, ordered);
        CheckUnique(candidate);

        var entity = Instantiate(type, ordered, validated);
        _stored.Add(entity);
        entity.Refresh();
        return ManagementResponse.Of(ManagementStatus.Created, entity.Attributes, ValueStyle.Python);
    }

    /// <summary>Starts what a created entity configures and returns the entity bound to it.</summary>
    private AgentEntity Instantiate(EntityTypeSchema type, AmqpMap attributes, AttributeSet a)
    {
        var server = _context.Server;
        switch (type.Name)
        {
            case "listener":
                {
                    var options = EntityOptions.ToListener(a);
                    if (options.SslProfile is not null && server is not null && server.FindSslProfile(options.SslProfile) is null)
                    {
                        throw ManagementException.BadRequest($"Invalid listener configuration: sslProfile '{options.SslProfile}' not found");
                    }

                    AgentLog.ListenerOrConnector(_context.ConnMgrLog, "Configured ", "Listener", options.HostPort,
                        ConnectionRoleNames.ToName(options.Role), ListenerEntity.Extra(options.Http, options.SslProfile));
                    if (server is not null)
                    {
                        // The C router listens asynchronously (pn_proactor_listen): CREATE answers 201 whether or not
                        // the port can be bound; a failure is only logged and the entity stays, not listening.
                        try
                        {
                            if (options.Http)
                            {
                                server.AddHttpListener(options);
                            }
                            else
                            {
                                server.AddListener(options);
                            }
                        }
                        catch (SocketException e)
                        {
                            AgentLog.ListenerError(_context.Core.Logs.Server, options.HostPort, e.Message);
                        }
                        catch (ArgumentException)
                        {
                            // getaddrinfo's EAI_SERVICE for a port that is neither a number nor a service name.
                            AgentLog.ListenerError(_context.Core.Logs.Server, options.HostPort, "Servname not supported for ai_socktype");
                        }
                        catch (InvalidOperationException e)
                        {
                            throw ManagementException.BadRequest(e.Message);
                        }
                    }

                    return new ListenerEntity(_context, type, attributes, options);
                }

            case "connector":
                {
                    var options = EntityOptions.ToConnector(a);
                    AgentLog.ListenerOrConnector(_context.ConnMgrLog, "Configured ", "Connector", options.HostPort,
                        ConnectionRoleNames.ToName(options.Role), ListenerEntity.Extra(false, options.SslProfile));
                    if (server is not null)
                    {
                        try
                        {
                            server.AddConnector(options);
                        }
                        catch (InvalidOperationException e)
                        {
                            throw ManagementException.BadRequest(e.Message);
                        }
                    }

                    return new ConnectorEntity(_context, type, attributes, options);
                }

            case "sslProfile":
                {
                    var profile = EntityOptions.ToSslProfile(a);
                    if (server is not null && !server.AddSslProfile(profile))
                    {
                        throw ManagementException.BadRequest($"An sslProfile named {profile.Name} already exists");
                    }

                    AgentLog.SslProfileCreated(_context.ConnMgrLog, profile.Name);
                    return new SslProfileEntity(_context, type, attributes, profile.Name);
                }

            case "tcpListener":
            case "tcpConnector":
            case "httpListener":
            case "httpConnector":
                {
                    string invalid = AdaptorRequirements.InvalidConfigurationText(type);
                    if (AdaptorRequirements.FindMissing(type, a) is { } missing)
                    {
                        AgentLog.AdaptorRefused(_context.AgentLog, type.Name, $"attribute '{missing}' is required");
                        throw ManagementException.BadRequest(invalid);
                    }

                    if (_context.AdaptorFor(type.Name) is { } adaptor)
                    {
                        try
                        {
                            adaptor.Create(type.Name, a);
                        }
                        catch (Exception e) when (e is InvalidOperationException or ArgumentException or SocketException or IOException)
                        {
                            AgentLog.AdaptorRefused(_context.AgentLog, type.Name, e.Message);
                            throw ManagementException.BadRequest(invalid);
                        }
                    }

                    return new AdaptorEntity(_context, type, attributes, AdaptorEntity.AdaptorNameOf(a));
                }

            default:
                return new AgentEntity(type, attributes);
        }
    }

    /// <summary>Binds a configuration-file entity (already configured by the runtime) to its runtime object.</summary>
    private AgentEntity Bind(EntityTypeSchema type, AmqpMap attributes, AttributeSet a)
    {
        switch (type.Name)
        {
            case "listener":
                return new ListenerEntity(_context, type, attributes, EntityOptions.ToListener(a));
            case "connector":
                return new ConnectorEntity(_context, type, attributes, EntityOptions.ToConnector(a));
            case "sslProfile":
                return new SslProfileEntity(_context, type, attributes, a.GetString("name") ?? "");
            case "tcpListener":
            case "tcpConnector":
            case "httpListener":
            case "httpConnector":
                return new AdaptorEntity(_context, type, attributes, AdaptorEntity.AdaptorNameOf(a));
            case "policy":
                return new PolicyEntity(_context, type, attributes);
            default:
                return new AgentEntity(type, attributes);
        }
    }

    private AgentEntity Singleton(string typeName, AmqpMap given)
    {
        var type = RouterSchema.Get(typeName);
        var validated = Validate(type, given);
        var attributes = FromConfiguration(type, validated);
        return typeName == "policy" ? new PolicyEntity(_context, type, attributes) : new AgentEntity(type, attributes);
    }

    /// <summary>A configuration-file entity's attributes: validated values with the identity (and default name) added.</summary>
    private AmqpMap FromConfiguration(EntityTypeSchema type, AttributeSet a)
    {
        var map = new AmqpMap(a.Count + 2);
        foreach (var (key, value) in a)
        {
            if (key is not ("name" or "type"))
            {
                map.Add(key, value);
            }
        }

        string identity = $"{type.SchemaShortName}/{Identifier(type, map, a.GetString("name"))}";
        map.Add("name", a.GetString("name") ?? identity);
        map.Add("identity", identity);
        map.Add("type", type.FullyQualifiedName);
        return map;
    }

    /// <summary>
    /// EntityAdapter.validate's identity: <c>&lt;short type&gt;/&lt;identifier&gt;</c>, added to the map together with
    /// a default name (the identity) when no name key is present. Host/port types first get host, port and name keys.
    /// </summary>
    private void AddIdentity(EntityTypeSchema type, AmqpMap attributes)
    {
        if (s_hostPortTypes.Contains(type.Name))
        {
            foreach (string key in (string[])["host", "port", "name"])
            {
                if (!attributes.ContainsKey(key))
                {
                    attributes.Add(key, type.FindAttribute(key)?.Default);
                }
            }
        }

        string identity = $"{type.SchemaShortName}/{Identifier(type, attributes, attributes["name"])}";
        attributes.Add("identity", identity);
        if (!attributes.ContainsKey("name"))
        {
            attributes.Add("name", identity);
        }
    }

    private string Identifier(EntityTypeSchema type, AmqpMap attributes, object? name)
    {
        if (s_hostPortTypes.Contains(type.Name))
        {
            string hostPort = $"{PythonRepr.Str(attributes["host"])}:{PythonRepr.Str(attributes["port"])}";
            return IsTruthy(name) ? $"{hostPort}:{PythonRepr.Str(name)}" : hostPort;
        }

        return type.Name switch
        {
            "sslProfile" => PythonRepr.Str(name),
            "router" => PythonRepr.Str(attributes["id"]),
            "vhost" or "vhostStats" => PythonRepr.Str(attributes["hostname"]),
            "log" => PythonRepr.Str(attributes["module"]),
            "policy" => "None",
            _ => NextCounter(type.Name),
        };
    }

    private string NextCounter(string typeName)
    {
        long n = _counters.GetValueOrDefault(typeName);
        _counters[typeName] = n + 1;
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Schema validation of an attribute map (defaults, types, required); errors are 400s.</summary>
    private static AttributeSet Validate(EntityTypeSchema type, AmqpMap attributes)
    {
        try
        {
            return EntityValidator.Validate(type, attributes.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, object?>((string)e.Key!, e.Value)),
                ValidationMode.Configuration).Attributes;
        }
        catch (EntityValidationException e)
        {
            throw ManagementException.BadRequest(e.ManagementDescription);
        }
    }

    /// <summary>
    /// The validated values in the Python agent's dict order: the given keys in their order (null values dropped,
    /// deprecated spellings moved to the end under their current name), then defaults in schema order.
    /// </summary>
    private static AmqpMap Ordered(EntityTypeSchema type, AmqpMap given, AttributeSet validated)
    {
        var result = new AmqpMap(validated.Count);
        foreach (var e in given)
        {
            string key = (string)e.Key!;
            if (e.Value is not null && type.FindAttribute(key) is not null)
            {
                result.Add(key, key == "identity" ? e.Value : validated[key]);
            }
        }

        foreach (var (key, value) in validated)
        {
            if (!result.ContainsKey(key))
            {
                result.Add(key, value);
            }
        }

        return result;
    }

    /// <summary>ConnectionBaseEntity.validate: reserved openProperties keys; none on inter-router and edge roles.</summary>
    private static void CheckOpenProperties(EntityTypeSchema type, AttributeSet a)
    {
        if (type.Name is not ("listener" or "connector") || a["openProperties"] is not AmqpMap properties || properties.Count == 0)
        {
            return;
        }

        foreach (var e in properties)
        {
            string key = PythonRepr.Str(e.Key);
            if (s_reservedOpenPropertyKeys.Contains(key) || key.StartsWith("qd.", StringComparison.Ordinal) || key.StartsWith("x-opt-qd.", StringComparison.Ordinal))
            {
                throw ManagementException.BadRequest($"Reserved key '{key}' not allowed in openProperties");
            }
        }

        string role = a.GetString("role") ?? "normal";
        if (role is "inter-router" or "edge")
        {
            throw ManagementException.BadRequest($"openProperties not allowed for role {role}");
        }
    }

    /// <summary>Schema.validate_add: unique attributes (name, identity) may not repeat across all entities.</summary>
    private void CheckUnique(AgentEntity candidate)
    {
        var unique = candidate.Type.Attributes.Where(a => a.Unique && candidate.Attributes.ContainsKey(a.Name)).ToArray();
        foreach (var e in Entities())
        {
            if (candidate.Type.IsSingleton && ReferenceEquals(e.Type, candidate.Type))
            {
                throw ManagementException.BadRequest(
                    $"Adding {candidate.Type.FullyQualifiedName} singleton {candidate} when {e} already exists");
            }

            foreach (var a in unique)
            {
                if (e.Attributes.TryGetValue(a.Name, out var existing) && AmqpValueComparer.Instance.Equals(existing, candidate.Attributes[a.Name]))
                {
                    throw ManagementException.BadRequest($"adding {candidate} duplicates unique attribute '{a.Name}' from existing {e}");
                }
            }
        }
    }

    /// <summary>The body's keys as strings (symbols by their text), order kept.</summary>
    private static AmqpMap TextKeys(AmqpMap body)
    {
        var map = new AmqpMap(body.Count);
        foreach (var e in body)
        {
            map[PythonRepr.Str(e.Key)] = e.Value;
        }

        return map;
    }

    private static AttributeSet ToAttributeSet(AmqpMap map) =>
        new(map.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, object?>((string)e.Key!, e.Value)));

    /// <summary>Python truthiness of a property value.</summary>
    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        AmqpSymbol y => y.Value.Length > 0,
        AmqpMap m => m.Count > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => AttributeCoercion.ToInteger(value) is not 0,
    };
}
