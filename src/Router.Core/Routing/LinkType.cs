namespace Skrouterd.Routing;

/// <summary>`router.link` linkType values.</summary>
internal enum LinkType
{
    Endpoint,
    RouterControl,
    InterRouter,
    InterEdge,
}
