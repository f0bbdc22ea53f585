namespace Skrouterd.Routing;

/// <summary>Connection roles (inter-router-protocol.md §1.1); values are the C router's enum.</summary>
internal enum ConnectionRole
{
    Normal = 0,
    InterRouter = 1,
    RouteContainer = 2,
    Edge = 3,
    InterRouterData = 4,
    InterEdge = 5,
}
