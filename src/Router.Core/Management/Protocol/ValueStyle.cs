namespace Skrouterd.Management;

/// <summary>
/// How a reply body's values are encoded, following the agent that answers for the entity family in the C router
/// (04-management capture): both write every map as map32 and non-empty lists as list32.
/// </summary>
internal enum ValueStyle
{
    /// <summary>
    /// The C core agent (qd_compose): values keep their CLR types (ulong, uint, int, long); every list is list32,
    /// even an empty one.
    /// </summary>
    Core,

    /// <summary>
    /// The Python agent (qd_py_to_composed): integers become int when they fit 32 bits, else long; an empty list is
    /// list0; symbols become strings.
    /// </summary>
    Python,
}
