namespace Skrouterd.Management;

/// <summary>
/// Supplies the <c>router.node</c> entities (and so GET-MGMT-NODES). The routing protocol implements it on interior
/// routers; edge and standalone routers have no nodes. Read on the management agent's loop.
/// </summary>
internal interface IRouterNodeSource
{
    IReadOnlyList<RouterNodeInfo> Nodes { get; }
}
