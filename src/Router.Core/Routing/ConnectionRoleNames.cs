namespace Skrouterd.Routing;

/// <summary>Role names as configured and as management shows them.</summary>
internal static class ConnectionRoleNames
{
    public static ConnectionRole Parse(string role) => role switch
    {
        "normal" => ConnectionRole.Normal,
        "inter-router" => ConnectionRole.InterRouter,
        "route-container" => ConnectionRole.RouteContainer,
        "edge" => ConnectionRole.Edge,
        "inter-router-data" => ConnectionRole.InterRouterData,
        "inter-edge" => ConnectionRole.InterEdge,
        _ => throw new ArgumentException($"unknown role '{role}'"),
    };

    public static string ToName(ConnectionRole role) => role switch
    {
        ConnectionRole.Normal => "normal",
        ConnectionRole.InterRouter => "inter-router",
        ConnectionRole.RouteContainer => "route-container",
        ConnectionRole.Edge => "edge",
        ConnectionRole.InterRouterData => "inter-router-data",
        _ => "inter-edge",
    };
}
