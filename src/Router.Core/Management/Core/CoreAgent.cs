using Skrouterd.Amqp.Codec;
using Skrouterd.Config;
using Skrouterd.Management.Schema;
using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>
/// The entity types the C router's core agent answers (management_agent.c, agent*.c): <c>router</c>,
/// <c>connection</c>, <c>router.link</c>, <c>router.address</c>, <c>router.config.address</c>,
/// <c>router.config.autoLink</c>, <c>tcpConnection</c>, <c>httpRequestInfo</c>, for QUERY, CREATE, READ, UPDATE and
/// DELETE. Replies put <c>statusDescription</c> first and keep the C value types. Where the C agent sends no reply at
/// all (e.g. CREATE of a connection), this one answers 501 as the Python agent does for other types.
/// Runs on the agent's loop only.
/// </summary>
internal sealed class CoreAgent
{
    private readonly ManagementContext _context;
    private readonly Dictionary<string, CoreTable> _tables;
    private long _nextIdentity;

    public CoreAgent(ManagementContext context)
    {
        _context = context;
        Links = new LinkTable(context);
        Connections = new ConnectionTable(context);
        ConfigAddresses = new ConfigAddressTable(context);
        AutoLinks = new AutoLinkTable(context);
        Router = new RouterTable(context, () => AutoLinks.Count, () => Links.Count);
        CoreTable[] tables =
        [
            Router, Connections, Links, new AddressTable(context), ConfigAddresses, AutoLinks,
            new TcpConnectionTable(context), new HttpRequestInfoTable(context),
        ];
        _tables = tables.ToDictionary(t => t.FullyQualifiedType, StringComparer.Ordinal);
    }

    public RouterTable Router { get; }

    public ConnectionTable Connections { get; }

    public LinkTable Links { get; }

    public ConfigAddressTable ConfigAddresses { get; }

    public AutoLinkTable AutoLinks { get; }

    /// <summary>True for the fully-qualified types this agent answers.</summary>
    public bool Handles(string fullyQualifiedType) => _tables.ContainsKey(fullyQualifiedType);

    /// <summary>Lists the <c>address</c> and <c>autoLink</c> entities of the configuration file.</summary>
    public void LoadConfiguration(RouterConfig config)
    {
        int index = 0;
        foreach (var entity in config.OfType("router.config.address"))
        {
            int n = index++;
            AddressConfig address;
            try
            {
                address = EntityOptions.ToAddress(entity.Attributes);
            }
            catch (ArgumentException)
            {
                continue; // the runtime refuses to start with it
            }

            // The Python agent names an unnamed address after its generated identity, address/<n>.
            ConfigAddresses.Add(new ConfigAddressEntry(NextIdentity(), entity.Name ?? $"address/{n}", address));
        }

        foreach (var entity in config.OfType("router.config.autoLink"))
        {
            var a = entity.Attributes;
            AutoLinks.Add(new AutoLinkEntry(NextIdentity(), entity.Name, a.GetString("address") ?? "",
                a.GetString("direction") ?? "in", a.GetString("connection"), a.GetString("containerId"), a.GetString("externalAddress")));
        }
    }

    public ManagementResponse Handle(ManagementRequest request, string type, string operation, long requester)
    {
        var table = _tables[type];
        return operation switch
        {
            "QUERY" => Ok(table.Query(request.BodyMap.TryGetText("attributeNames", out var names) ? names : null,
                request.Integer("offset") ?? 0, request.Integer("count") ?? -1)),
            "READ" => Read(table, request),
            "CREATE" => Create(table, request),
            "UPDATE" => Update(table, request, requester),
            "DELETE" => Delete(table, request),
            _ => throw NotImplemented(operation, type),
        };
    }

    private ManagementResponse Read(CoreTable table, ManagementRequest request)
    {
        string? identity = request.Identity;
        string? name = request.Name;
        switch (table)
        {
            case RouterTable:
                return Error(ManagementStatus.Forbidden);
            case ConnectionTable when identity is null:
                return LoggedError("READ", table, ManagementStatus.BadRequest, "Name not supported. Identity required");
            case ConfigAddressTable or AutoLinkTable when identity is null && name is null:
                return LoggedError("READ", table, ManagementStatus.BadRequest, "No name or identity provided");
        }

        object? row = identity is not null ? table.FindByIdentity(identity) : name is not null ? table.FindByName(name) : null;
        return row is null ? Error(ManagementStatus.NotFound) : Ok(table.ToMap(row));
    }

    private ManagementResponse Create(CoreTable table, ManagementRequest request) => table switch
    {
        RouterTable => Error(ManagementStatus.Forbidden),
        ConfigAddressTable => CreateAddress(request),
        AutoLinkTable => CreateAutoLink(request),
        _ => throw NotImplemented("CREATE", table.FullyQualifiedType),
    };

    private ManagementResponse Delete(CoreTable table, ManagementRequest request)
    {
        switch (table)
        {
            case RouterTable:
            case ConnectionTable:
                return Error(ManagementStatus.Forbidden);
            case ConfigAddressTable or AutoLinkTable:
                string? identity = request.Identity;
                string? name = request.Name;
                if (identity is null && name is null)
                {
                    return LoggedError("DELETE", table, ManagementStatus.BadRequest, "No name or identity provided");
                }

                object? row = identity is not null ? table.FindByIdentity(identity) : table.FindByName(name!);
                switch (row)
                {
                    case ConfigAddressEntry address:
                        _context.Core.RemoveAddressConfig(address.CoreName);
                        ConfigAddresses.Remove(address);
                        AgentLog.AddressDeleted(_context.ConnMgrLog, address.Config.Pattern.IsPrefix ? "Prefix" : "Pattern",
                            address.LoggedPattern, TreatmentNames.ToName(address.Config.Treatment));
                        break;
                    case AutoLinkEntry autoLink:
                        AutoLinks.Remove(autoLink);
                        break;
                    default:
                        return Error(ManagementStatus.NotFound);
                }

                return ManagementResponse.Of(ManagementStatus.NoContent, new AmqpMap(), ValueStyle.Core);
            default:
                throw NotImplemented("DELETE", table.FullyQualifiedType);
        }
    }

    private ManagementResponse Update(CoreTable table, ManagementRequest request, long requester) => table switch
    {
        ConnectionTable => UpdateConnection(request, requester),
        LinkTable => UpdateLink(request),
        _ => throw NotImplemented("UPDATE", table.FullyQualifiedType),
    };

    // agent_connection.c qdra_connection_update_CT: by identity only; adminStatus and/or enableProtocolTrace.
    private ManagementResponse UpdateConnection(ManagementRequest request, long requester)
    {
        string? identity = request.Identity;
        if (request.Body is not AmqpMap body || identity is null)
        {
            return Error(ManagementStatus.BadRequest);
        }

        bool hasAdmin = body.TryGetText("adminStatus", out var admin);
        bool hasTrace = body.TryGetText("enableProtocolTrace", out var trace);
        if (!hasAdmin && !hasTrace)
        {
            return Error(ManagementStatus.BadRequest);
        }

        if (Connections.FindByIdentity(identity) is not RouterConnection connection)
        {
            return Error(ManagementStatus.BadRequest);
        }

        if (hasAdmin)
        {
            string? status = admin is null ? null : AttributeCoercion.ToText(admin);
            if (status == "deleted")
            {
                if (connection.Role is ConnectionRole.InterRouter or ConnectionRole.Edge || connection.Host == "egress-dispatch")
                {
                    return Error(ManagementStatus.Forbidden, "You are not allowed to perform this operation.");
                }

                connection.ForceClose(AmqpErrors.ConnectionForced, "Connection forced-closed by management request");
                AgentLog.ConnectionForceClosed(_context.AgentLog, connection.Identity, requester);
            }
            else if (status != "enabled")
            {
                return Error(ManagementStatus.BadRequest);
            }
        }

        if (hasTrace)
        {
            Connections.ProtocolTrace[connection.Identity] = trace is not null && (AttributeCoercion.ToBoolean(trace) ?? false);
        }

        return Ok(Connections.ToMap(connection));
    }

    // agent_link.c qdra_link_update_CT: adminStatus is accepted (and, as in the C router, not acted on).
    private ManagementResponse UpdateLink(ManagementRequest request)
    {
        if (request.Body is not AmqpMap body || !body.TryGetText("adminStatus", out _))
        {
            return Error(ManagementStatus.BadRequest);
        }

        string? identity = request.Identity;
        string? name = request.Name;
        if (identity is null && name is null)
        {
            return Error(ManagementStatus.BadRequest);
        }

        object? link = identity is not null ? Links.FindByIdentity(identity) : Links.FindByName(name!);
        return link is null ? Error(ManagementStatus.NotFound) : Ok(Links.ToMap(link));
    }

    // agent_config_address.c qdra_config_address_create_CT.
    private ManagementResponse CreateAddress(ManagementRequest request)
    {
        string? name = request.Name;
        string? error = null;
        ConfigAddressEntry? entry = null;
        if (name is not null && ConfigAddresses.FindByName(name) is not null)
        {
            error = "Name conflicts with an existing entity";
        }
        else if (request.Body is not AmqpMap body)
        {
            error = "Body of request must be a map";
        }
        else
        {
            bool isPrefix = body.TryGetText("prefix", out var prefix);
            bool isPattern = body.TryGetText("pattern", out var pattern);
            body.TryGetText("distribution", out var distribution);
            long priority = body.TryGetText("priority", out var p) ? (p is null ? 0 : AttributeCoercion.ToInteger(p) ?? 0) : -1;
            if (!isPrefix && !isPattern)
            {
                error = "Either a 'prefix' or 'pattern' attribute must be provided";
            }
            else if (isPrefix && isPattern)
            {
                error = "Cannot specify both a 'prefix' and a 'pattern' attribute";
            }
            else if ((isPrefix ? prefix : pattern) is not string text || text.Length == 0)
            {
                error = isPrefix ? "Prefix must be a non-empty string type" : "Pattern must be a non-empty string type";
            }
            else if (text.Trim('.', '/').Length == 0)
            {
                error = isPrefix ? "Prefix invalid - no tokens" : "Pattern invalid - no tokens";
            }
            else if (priority > 9)
            {
                error = "Priority value, if present, must be between 0 and QDR_MAX_PRIORITY";
            }
            else
            {
                long identity = NextIdentity();
                var treatment = (distribution is null ? null : AttributeCoercion.ToText(distribution)) switch
                {
                    "multicast" => Treatment.MulticastOnce,
                    "closest" => Treatment.AnycastClosest,
                    "unavailable" => Treatment.Unavailable,
                    _ => Treatment.AnycastBalanced,
                };
                var config = new AddressConfig($"$management/{identity}", new AddressPattern(text, isPrefix), treatment, (int)priority);
                if (!_context.Core.AddAddressConfig(config))
                {
                    error = "Already exists";
                }
                else
                {
                    entry = new ConfigAddressEntry(identity, name, config);
                }
            }
        }

        if (entry is null)
        {
            return LoggedError("CREATE", ConfigAddresses, ManagementStatus.BadRequest, error!);
        }

        ConfigAddresses.Add(entry);
        AgentLog.AddressCreated(_context.ConnMgrLog, entry.Config.Pattern.IsPrefix ? "Prefix" : "Pattern", entry.LoggedPattern,
            TreatmentNames.ToName(entry.Config.Treatment));
        return ManagementResponse.Of(ManagementStatus.Created, ConfigAddresses.ToMap(entry), ValueStyle.Core);
    }

    // agent_config_auto_link.c qdra_config_auto_link_create_CT.
    private ManagementResponse CreateAutoLink(ManagementRequest request)
    {
        string? name = request.Name;
        string? error;
        if (name is not null && AutoLinks.FindByName(name) is not null)
        {
            error = "Name conflicts with an existing entity";
        }
        else if (request.Body is not AmqpMap body)
        {
            error = "Body of request must be a map";
        }
        else
        {
            string? address = Field(body, "address") ?? Field(body, "addr");
            string? direction = Field(body, "direction") ?? Field(body, "dir");
            bool hasConnection = body.TryGetText("connection", out var connection);
            bool hasContainer = body.TryGetText("containerId", out var container);
            string? external = Field(body, "externalAddress") ?? Field(body, "externalAddr");
            if (hasConnection && hasContainer)
            {
                error = "Both connection and containerId cannot be specified. Specify only one";
            }
            else if (address is null || direction is null)
            {
                error = "address and direction fields are mandatory";
            }
            else if (direction is not ("in" or "out"))
            {
                error = "Invalid value for 'direction'";
            }
            else
            {
                var entry = new AutoLinkEntry(NextIdentity(), name, address, direction,
                    connection is null ? null : AttributeCoercion.ToText(connection),
                    container is null ? null : AttributeCoercion.ToText(container), external);
                AutoLinks.Add(entry);
                AgentLog.AutoLinkConfigured(_context.ConnMgrLog, _context.Core.KeyFor(address), direction,
                    entry.Connection is not null ? "connection" : "containerId", entry.Connection ?? entry.ContainerId);
                return ManagementResponse.Of(ManagementStatus.Created, AutoLinks.ToMap(entry), ValueStyle.Core);
            }
        }

        return LoggedError("CREATE", AutoLinks, ManagementStatus.BadRequest, error);
    }

    private static string? Field(AmqpMap body, string key) =>
        body.TryGetText(key, out var v) && v is not null ? AttributeCoercion.ToText(v) : null;

    private long NextIdentity() => ++_nextIdentity;

    private ManagementResponse LoggedError(string operation, CoreTable table, int status, string description)
    {
        AgentLog.CoreOperationFailed(_context.AgentLog, operation, table.FullyQualifiedType, description);
        return Error(status, description);
    }

    private static ManagementResponse Ok(object body) => ManagementResponse.Ok(body, ValueStyle.Core);

    private static ManagementResponse Error(int status, string? description = null) =>
        ManagementResponse.Error(status, description ?? ManagementStatus.Text(status), ValueStyle.Core);

    /// <summary>The Python agent's 501 text for an operation the type does not support.</summary>
    public static ManagementException NotImplemented(string operation, string type)
    {
        var schema = RouterSchema.Find(type);
        string allowed = schema is null ? "[]" : PythonRepr.List(schema.Operations);
        return ManagementException.NotImplemented($"Operation '{operation}' not implemented for '{type}' {allowed}");
    }
}
