namespace Skrouterd.Management;

/// <summary>
/// One <c>router.node</c> entity (management-and-deployment.md §2.7.5): a router of the network as the routing
/// protocol sees it. The local router is a node too (<c>nextHop</c> <c>(self)</c>, <c>index</c> 0).
/// </summary>
/// <param name="Id">Router id.</param>
/// <param name="ProtocolVersion">Routing protocol version (1).</param>
/// <param name="Instance">The router's boot time, epoch seconds.</param>
/// <param name="LinkState">Ids of the router's neighbours.</param>
/// <param name="NextHop"><c>(self)</c> for the local router, null for a neighbour, else the next-hop router id.</param>
/// <param name="ValidOrigins">Router ids whose traffic may arrive through this node.</param>
/// <param name="RouterLink">Link id towards a neighbour; null otherwise.</param>
/// <param name="Cost">Path cost; null for the local router.</param>
/// <param name="LastTopoChange">Epoch seconds of the last topology change (local router only).</param>
/// <param name="Index">Mask bit (0 for the local router).</param>
internal sealed record RouterNodeInfo(
    string Id,
    long ProtocolVersion,
    long Instance,
    IReadOnlyList<string> LinkState,
    string? NextHop,
    IReadOnlyList<string> ValidOrigins,
    long? RouterLink,
    long? Cost,
    long? LastTopoChange,
    long Index)
{
    /// <summary><c>amqp:/_topo/0/&lt;id&gt;</c>.</summary>
    public string Address => $"amqp:/_topo/0/{Id}";
}
