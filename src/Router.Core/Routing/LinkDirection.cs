namespace Skrouterd.Routing;

/// <summary>Direction of a link as the router sees it: Incoming = the router receives on it (the peer sends).</summary>
internal enum LinkDirection
{
    Incoming,
    Outgoing,
}
