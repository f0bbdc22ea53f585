using Skrouterd.Amqp.Codec;
using Skrouterd.Logging;
using Skrouterd.Management.Schema;

namespace Skrouterd.Management;

/// <summary>Entities the agent derives from live state on every request rather than storing.</summary>
internal static class GeneratedEntities
{
    /// <summary>The management node itself: identity and name <c>self</c>.</summary>
    public static AgentEntity Management() => new(RouterSchema.Get("management"), new AmqpMap
    {
        { "identity", "self" },
        { "name", "self" },
        { "type", RouterSchema.Get("management").FullyQualifiedName },
    });

    /// <summary>The <c>logStats</c> entity of a module (event counts by level; <c>noticeCount</c> never set).</summary>
    public static AgentEntity LogStats(LogStatsView view)
    {
        var map = new AmqpMap();
        foreach (var (key, value) in view.ToAttributes())
        {
            if (value is not null)
            {
                map.Add(key, value);
            }
        }

        return new AgentEntity(RouterSchema.Get("logStats"), map);
    }

    /// <summary>A <c>router.node</c> entity (router/node.py refresh_entity, then the identity the agent adds).</summary>
    public static AgentEntity RouterNode(RouterNodeInfo node)
    {
        var type = RouterSchema.Get("router.node");
        var map = new AmqpMap
        {
            { "type", type.FullyQualifiedName },
            { "id", node.Id },
            { "index", node.Index },
            { "protocolVersion", node.ProtocolVersion },
            { "instance", node.Instance },
            { "linkState", node.LinkState.Cast<object?>().ToList() },
        };
        if (node.NextHop is not null)
        {
            map.Add("nextHop", node.NextHop);
        }

        map.Add("validOrigins", node.ValidOrigins.Cast<object?>().ToList());
        map.Add("address", node.Address);
        if (node.LastTopoChange is long change)
        {
            map.Add("lastTopoChange", change);
        }

        if (node.RouterLink is long link)
        {
            map.Add("routerLink", link);
        }

        if (node.Cost is long cost)
        {
            map.Add("cost", cost);
        }

        string identity = "router.node/" + node.Id;
        map.Add("identity", identity);
        map.Add("name", identity);
        return new AgentEntity(type, map);
    }
}
