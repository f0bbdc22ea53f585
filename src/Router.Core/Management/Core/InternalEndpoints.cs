using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Management;

/// <summary>
/// Tells the router's own in-process endpoints (the management agent; later the routing protocol) from real links.
/// The C router serves those as core subscriptions, not links: they are not listed as <c>router.link</c> or
/// counted in <c>linkCount</c>, and an address counts them as <c>inProcess</c>, not as local subscribers.
/// Adaptor endpoints are links (their connections are registered).
/// </summary>
internal static class InternalEndpoints
{
    public static bool IsInternal(RouterLink link) => link.Connection is InProcessConnection { IsRegistered: false };
}
