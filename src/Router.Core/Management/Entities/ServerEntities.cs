using Skrouterd.Amqp.Codec;
using Skrouterd.Management.Schema;
using Skrouterd.Routing;
using Skrouterd.Server;

namespace Skrouterd.Management;

/// <summary>A <c>listener</c>: DELETE stops it (the server knows it by <see cref="ServerName"/>).</summary>
internal sealed class ListenerEntity : AgentEntity
{
    private readonly ManagementContext _context;

    public ListenerEntity(ManagementContext context, EntityTypeSchema type, AmqpMap attributes, ListenerOptions options)
        : base(type, attributes)
    {
        _context = context;
        Options = options;
    }

    public ListenerOptions Options { get; }

    public string ServerName => Options.Name;

    public override void Delete()
    {
        _context.Server?.RemoveListener(ServerName);
        AgentLog.ListenerOrConnector(_context.ConnMgrLog, "Deleted ", "Listener", Options.HostPort, ConnectionRoleNames.ToName(Options.Role),
            Extra(Options.Http, Options.SslProfile));
    }

    public static string Extra(bool http, string? sslProfile) =>
        (http ? ", http" : "") + (sslProfile is null ? "" : $", sslProfile={sslProfile}");
}

/// <summary>A <c>connector</c>: reports its connection's status; DELETE stops it and closes its connection.</summary>
internal sealed class ConnectorEntity : AgentEntity
{
    private readonly ManagementContext _context;

    public ConnectorEntity(ManagementContext context, EntityTypeSchema type, AmqpMap attributes, ConnectorOptions options)
        : base(type, attributes)
    {
        _context = context;
        Options = options;
    }

    public ConnectorOptions Options { get; }

    public string ServerName => Options.Name;

    // connection_manager.c qd_entity_refresh_connector: failoverUrls, connectionStatus, connectionMsg.
    public override void Refresh()
    {
        AmqpConnector? connector = _context.Server?.Connectors.FirstOrDefault(c => c.Options.Name == ServerName);
        Attributes["failoverUrls"] = (Options.SslProfile is null ? "amqp://" : "amqps://") + Options.HostPort;
        Attributes["connectionStatus"] = connector?.ConnectionStatus ?? "INITIALIZING";
        Attributes["connectionMsg"] = connector?.ConnectionMessage ?? ""; // the C connector's message buffer starts empty
    }

    public override void Delete()
    {
        _context.Server?.RemoveConnector(ServerName);
        AgentLog.ListenerOrConnector(_context.ConnMgrLog, "Deleted ", "Connector", Options.HostPort, ConnectionRoleNames.ToName(Options.Role),
            ListenerEntity.Extra(false, Options.SslProfile));
    }
}

/// <summary>An <c>sslProfile</c>: DELETE removes it from the server (connections made with it keep their TLS).</summary>
internal sealed class SslProfileEntity : AgentEntity
{
    private readonly ManagementContext _context;

    public SslProfileEntity(ManagementContext context, EntityTypeSchema type, AmqpMap attributes, string profileName)
        : base(type, attributes)
    {
        _context = context;
        ProfileName = profileName;
    }

    public string ProfileName { get; }

    public override void Delete()
    {
        if (_context.Server?.RemoveSslProfile(ProfileName) == true)
        {
            AgentLog.SslProfileDeleted(_context.ConnMgrLog, ProfileName);
        }
    }
}

/// <summary>
/// A <c>tcpListener</c>, <c>tcpConnector</c>, <c>httpListener</c> or <c>httpConnector</c>, served by the protocol
/// adaptor registered for its type (<see cref="Hosting.IAdaptorEntityHost"/>), which knows it by
/// <see cref="AdaptorName"/>. Without an adaptor it reports zero counters and <c>operStatus</c> <c>down</c>.
/// </summary>
internal sealed class AdaptorEntity : AgentEntity
{
    private readonly ManagementContext _context;

    public AdaptorEntity(ManagementContext context, EntityTypeSchema type, AmqpMap attributes, string adaptorName)
        : base(type, attributes)
    {
        _context = context;
        AdaptorName = adaptorName;
    }

    /// <summary>The name the adaptor knows the entity by: its name, else <c>host:port</c>.</summary>
    public string AdaptorName { get; }

    public static string AdaptorNameOf(AttributeSet a) => a.GetString("name") ?? $"{a.GetString("host")}:{a.GetString("port")}";

    // The C refresh functions: tcp* set bytesIn, bytesOut, connectionsOpened, connectionsClosed (+ operStatus for
    // listeners); httpListener sets operStatus; httpConnector nothing.
    public override void Refresh()
    {
        var live = _context.AdaptorFor(Type.Name)?.ReadOnlyAttributes(Type.Name, AdaptorName);
        switch (Type.Name)
        {
            case "tcpListener":
            case "tcpConnector":
                foreach (string counter in (string[])["bytesIn", "bytesOut", "connectionsOpened", "connectionsClosed"])
                {
                    Attributes[counter] = live?.GetValueOrDefault(counter) is { } v ? AttributeCoercion.ToInteger(v) ?? 0L : 0L;
                }

                if (Type.Name == "tcpListener")
                {
                    Attributes["operStatus"] = live?.GetValueOrDefault("operStatus") as string ?? "down";
                }

                break;
            case "httpListener":
                Attributes["operStatus"] = live?.GetValueOrDefault("operStatus") as string ?? "down";
                break;
        }
    }

    public override void Delete() => _context.AdaptorFor(Type.Name)?.Delete(Type.Name, AdaptorName);
}

/// <summary>
/// The <c>policy</c> singleton: its configuration plus the statistics of qd_entity_refresh_policy (policy.c). Only the
/// connection counts move: the C# router accepts every connection and does not enforce vhost policies, so the
/// denial counters stay zero.
/// </summary>
internal sealed class PolicyEntity : AgentEntity
{
    private readonly ManagementContext _context;

    public PolicyEntity(ManagementContext context, EntityTypeSchema type, AmqpMap attributes)
        : base(type, attributes)
    {
        _context = context;
        Refresh();
    }

    public override void Refresh()
    {
        Attributes["connectionsProcessed"] = _context.Server?.ConnectionsProcessed ?? 0L;
        Attributes["connectionsDenied"] = 0L;
        Attributes["connectionsCurrent"] = _context.Server?.ConnectionsCurrent ?? 0L;
        Attributes["linksDenied"] = 0L;
        Attributes["maxMessageSizeDenied"] = 0L;
        Attributes["totalDenials"] = 0L;
    }
}
