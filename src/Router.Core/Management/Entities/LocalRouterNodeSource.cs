using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>
/// The <c>router.node</c> list until the routing protocol provides one: on an interior router only the local node;
/// none on edge and standalone routers. With no neighbours the topology has never changed (<c>lastTopoChange</c> 0).
/// </summary>
internal sealed class LocalRouterNodeSource : IRouterNodeSource
{
    private readonly RouterNodeInfo[] _nodes;

    public LocalRouterNodeSource(RouterCore core)
    {
        _nodes = core.Mode == RouterMode.Interior
            ? [new RouterNodeInfo(core.Id, 1, core.Instance, [], "(self)", [], null, null, 0, 0)]
            : [];
    }

    public IReadOnlyList<RouterNodeInfo> Nodes => _nodes;
}
