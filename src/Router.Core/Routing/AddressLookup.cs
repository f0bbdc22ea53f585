namespace Skrouterd.Routing;

/// <summary>Result of reading a message's destination from its leading sections.</summary>
internal enum AddressLookup
{
    /// <summary>The `to` field was read (the address may still be unknown to the router: null).</summary>
    Found,

    /// <summary>The properties section has not fully arrived yet.</summary>
    NeedMoreData,

    /// <summary>The message has no properties section or no `to`.</summary>
    NoAddress,

    /// <summary>The leading sections cannot be decoded.</summary>
    Malformed,
}
