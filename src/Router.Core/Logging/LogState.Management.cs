namespace Skrouterd.Logging;

/// <summary>Configuration, management (READ/UPDATE/QUERY, GET-LOG, <c>logStats</c>) side of <see cref="LogState"/>.</summary>
internal sealed partial class LogState
{
    /// <summary><c>outputFile</c> value for standard error.</summary>
    public const string StandardErrorName = "stderr";

    /// <summary><c>outputFile</c> value for standard output.</summary>
    public const string StandardOutputName = "stdout";

    /// <summary><c>outputFile</c> value for syslog.</summary>
    public const string SyslogName = "syslog";

    /// <summary>DEFAULT's <c>enable</c> when not configured.</summary>
    public const string DefaultEnable = "info+";

    /// <summary>
    /// Applies a <c>log</c> entity from the configuration file (entity CREATE). <c>trace</c> in <c>enable</c> is
    /// rewritten to <c>debug</c>; for DEFAULT, missing attributes take DEFAULT's defaults. Each module may be
    /// configured once. Throws <see cref="LogConfigException"/> on a bad module, level string or output file; then
    /// nothing is changed.
    /// </summary>
    public void ApplyConfig(LogEntityConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        LogModule module = ParseModule(config.Module);
        LogEntityConfig attributes = config.Enable is null
            ? config
            : config with { Enable = LogEnableParser.ApplyTraceCompatibility(config.Enable) };
        if (module == LogModule.Default)
        {
            attributes = WithDefaultModuleDefaults(attributes);
        }

        bool traceChanged;
        lock (_lock)
        {
            LogModuleState state = _modules[(int)module];
            if (state.Configured)
            {
                throw new LogConfigException($"Duplicate 'log' entity for module '{config.Module}'");
            }

            traceChanged = ApplyLocked(state, attributes);
            state.Configured = true;
        }

        RaiseProtocolTraceChanged(traceChanged);
    }

    /// <summary>
    /// Management UPDATE of a <c>log</c> entity: the given attributes are merged over the current ones and the whole
    /// set is applied again, as the C agent does (so a module whose <c>outputFile</c> is <c>syslog</c> keeps
    /// timestamps off). No <c>trace</c> rewrite: <c>trace</c> is an invalid level here. On error
    /// (<see cref="LogConfigException"/>) what the module logs does not change, but the entity's attributes are the
    /// merged ones all the same: the C router's Python agent stores them before qd_log_entity fails, so a READ after a
    /// rejected UPDATE shows the rejected value (and the next UPDATE fails on it again until it is corrected).
    /// Returns the updated entity.
    /// </summary>
    public LogEntityView Update(LogEntityConfig changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        LogModule module = ParseModule(changes.Module);
        bool traceChanged;
        LogEntityView view;
        lock (_lock)
        {
            LogModuleState state = _modules[(int)module];
            LogEntityConfig current = state.Attributes;
            if (changes.Name is not null && changes.Name != (current.Name ?? LogEntityView.IdentityOf(current.Module)))
            {
                throw new LogConfigException("Cannot update attribute 'name' in UPDATE");
            }

            LogEntityConfig merged = current with
            {
                Enable = changes.Enable ?? current.Enable,
                IncludeTimestamp = changes.IncludeTimestamp ?? current.IncludeTimestamp,
                IncludeSource = changes.IncludeSource ?? current.IncludeSource,
                OutputFile = changes.OutputFile ?? current.OutputFile,
            };
            try
            {
                traceChanged = ApplyLocked(state, merged);
            }
            catch (LogConfigException)
            {
                state.Attributes = merged;
                throw;
            }

            view = ToView(merged);
        }

        RaiseProtocolTraceChanged(traceChanged);
        return view;
    }

    /// <summary>READ of the <c>log</c> entity of <paramref name="module"/>.</summary>
    public LogEntityView Read(LogModule module)
    {
        lock (_lock)
        {
            return ToView(_modules[(int)module].Attributes);
        }
    }

    /// <summary>All 20 <c>log</c> entities, in <see cref="LogModule"/> order.</summary>
    public IReadOnlyList<LogEntityView> Query()
    {
        var result = new LogEntityView[LogModules.Count];
        lock (_lock)
        {
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = ToView(_modules[i].Attributes);
            }
        }

        return result;
    }

    /// <summary>Finds a <c>log</c> entity by identity (<c>log/&lt;MODULE&gt;</c>).</summary>
    public static bool TryFindByIdentity(string identity, out LogModule module)
    {
        module = default;
        return identity.StartsWith("log/", StringComparison.Ordinal) && LogModules.TryParse(identity[4..], out module);
    }

    /// <summary>Finds a <c>log</c> entity by name (the configured name, else the identity).</summary>
    public bool TryFindByName(string name, out LogModule module)
    {
        lock (_lock)
        {
            foreach (LogModuleState state in _modules)
            {
                LogEntityConfig attributes = state.Attributes;
                if ((attributes.Name ?? LogEntityView.IdentityOf(attributes.Module)) == name)
                {
                    module = state.Module;
                    return true;
                }
            }
        }

        module = default;
        return false;
    }

    /// <summary>
    /// GET-LOG: the newest <paramref name="limit"/> entries (all kept entries, at most <see cref="HistoryCapacity"/>,
    /// when <paramref name="limit"/> ≤ 0, as the agent does for an absent or zero <c>limit</c>), oldest first.
    /// </summary>
    public IReadOnlyList<LogEntry> GetRecent(int limit = 0)
    {
        lock (_lock)
        {
            return _history.GetRecent(limit);
        }
    }

    /// <summary>The <c>logStats</c> entity of <paramref name="module"/>.</summary>
    public LogStatsView GetStats(LogModule module)
    {
        int b = (int)module * LevelCount;
        return new LogStatsView(
            LogModules.GetName(module),
            Interlocked.Read(ref _counts[b]),
            Interlocked.Read(ref _counts[b + 1]),
            Interlocked.Read(ref _counts[b + 2]),
            Interlocked.Read(ref _counts[b + 3]),
            Interlocked.Read(ref _counts[b + 4]));
    }

    /// <summary>All 20 <c>logStats</c> entities, in <see cref="LogModule"/> order.</summary>
    public IReadOnlyList<LogStatsView> QueryStats()
    {
        var result = new LogStatsView[LogModules.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = GetStats((LogModule)i);
        }

        return result;
    }

    private static LogModule ParseModule(string? name)
    {
        if (!LogModules.TryParse(name, out LogModule module))
        {
            throw new LogConfigException($"Invalid value for module: '{name}'");
        }

        return module;
    }

    private static LogEntityConfig WithDefaultModuleDefaults(LogEntityConfig attributes) => attributes with
    {
        Enable = attributes.Enable ?? DefaultEnable,
        IncludeTimestamp = attributes.IncludeTimestamp ?? true,
        IncludeSource = attributes.IncludeSource ?? false,
        OutputFile = attributes.OutputFile ?? StandardErrorName,
    };

    private static LogEntityView ToView(LogEntityConfig a) => new(
        a.Module, a.Enable, a.IncludeTimestamp, a.IncludeSource, a.OutputFile, a.Name ?? LogEntityView.IdentityOf(a.Module));

    // qd_log_entity, but all-or-nothing: open the sink, parse the mask, and only then change the module. (C applies
    // outputFile before it checks enable, so a bad enable there still switches the output.)
    private bool ApplyLocked(LogModuleState state, LogEntityConfig attributes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        LogSink? sink = null;
        if (attributes.OutputFile is not null)
        {
            sink = AcquireSinkLocked(attributes.OutputFile)
                   ?? throw new LogConfigException($"Failed to open log file '{attributes.OutputFile}'");
        }

        int mask = state.Mask;
        if (attributes.Enable is not null && !LogEnableParser.TryParse(attributes.Enable, out mask))
        {
            ReleaseSinkLocked(sink);
            throw new LogConfigException(LogEnableParser.FormatError(attributes.Enable));
        }

        bool syslog = false;
        if (sink is not null)
        {
            ReleaseSinkLocked(state.Sink);
            state.Sink = sink;
            if (sink.IsSyslog)
            {
                // Timestamps are off for syslog (which adds its own).
                syslog = true;
                state.IncludeTimestamp = false;
            }
        }

        state.Mask = mask;
        if (attributes.IncludeTimestamp is bool includeTimestamp && !syslog)
        {
            state.IncludeTimestamp = includeTimestamp;
        }

        if (attributes.IncludeSource is bool includeSource)
        {
            state.IncludeSource = includeSource;
        }

        state.Attributes = attributes;
        return RecomputeMasksLocked();
    }

    private void RaiseProtocolTraceChanged(bool changed)
    {
        if (changed)
        {
            ProtocolTraceChanged?.Invoke(_protocolTraceEnabled);
        }
    }
}
