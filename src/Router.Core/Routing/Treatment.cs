namespace Skrouterd.Routing;

/// <summary>Address treatments (inter-router-protocol.md §4.2); the values are those carried in MAU descriptors.</summary>
internal enum Treatment
{
    MulticastFlood = 0,
    MulticastOnce = 1,
    AnycastClosest = 2,
    AnycastBalanced = 3,
    Unavailable = 4,
}
