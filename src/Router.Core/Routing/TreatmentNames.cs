namespace Skrouterd.Routing;

/// <summary>Distribution names as configured (`address.distribution`) and as shown by management.</summary>
internal static class TreatmentNames
{
    public static Treatment Parse(string distribution) => distribution switch
    {
        "multicast" => Treatment.MulticastOnce,
        "closest" => Treatment.AnycastClosest,
        "balanced" => Treatment.AnycastBalanced,
        "unavailable" => Treatment.Unavailable,
        "flood" => Treatment.MulticastFlood,
        _ => throw new ArgumentException($"unknown distribution '{distribution}'"),
    };

    /// <summary>The name `router.address` QUERY shows in `distribution`.</summary>
    public static string ToName(Treatment t) => t switch
    {
        Treatment.MulticastFlood => "flood",
        Treatment.MulticastOnce => "multicast",
        Treatment.AnycastClosest => "closest",
        Treatment.AnycastBalanced => "balanced",
        _ => "unavailable",
    };

    public static bool IsMulticast(Treatment t) => t is Treatment.MulticastFlood or Treatment.MulticastOnce;
}
