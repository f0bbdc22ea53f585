namespace Skrouterd.Logging;

/// <summary>
/// Live settings of one module (the C router's <c>qd_log_source_t</c>). Unset values (mask
/// <see cref="LogEnableParser.Inherit"/>, null booleans, null sink) inherit DEFAULT's live values. Guarded by the
/// <see cref="LogState"/> lock.
/// </summary>
internal sealed class LogModuleState
{
    public LogModuleState(LogModule module)
    {
        Module = module;
        Attributes = new LogEntityConfig(LogModules.GetName(module));
    }

    public LogModule Module { get; }

    /// <summary>Enable mask, or <see cref="LogEnableParser.Inherit"/>.</summary>
    public int Mask { get; set; } = LogEnableParser.Inherit;

    public bool? IncludeTimestamp { get; set; }

    public bool? IncludeSource { get; set; }

    /// <summary>This module's own sink (holds one reference), or null to use DEFAULT's.</summary>
    public LogSink? Sink { get; set; }

    /// <summary>True once a configuration-file entity has been applied to the module.</summary>
    public bool Configured { get; set; }

    /// <summary>The entity attributes as management sees them.</summary>
    public LogEntityConfig Attributes { get; set; }
}
