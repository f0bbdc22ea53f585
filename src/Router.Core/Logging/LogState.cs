using System.Runtime.CompilerServices;
using System.Text;

namespace Skrouterd.Logging;

/// <summary>
/// The router's live logging state (the C router's <c>src/log.c</c>): per-module settings with DEFAULT inheritance,
/// output to the configured sinks in the C line format, the GET-LOG history and the <c>logStats</c> counters.
/// One instance per router; <see cref="RouterLoggerProvider"/> puts MEL on top of it.
/// </summary>
/// <remarks>
/// <para><b>Line format</b>: <c>[&lt;timestamp&gt; ]&lt;MODULE&gt; (&lt;level&gt;) &lt;text&gt;[ (&lt;file&gt;:&lt;line&gt;)]</c>,
/// each line written and flushed under one lock, so lines never interleave and the file order is the GET-LOG order.</para>
/// <para><b>Counting and history</b> follow <c>qd_vlog_impl</c>: a call to <see cref="Log"/> is counted in
/// <c>logStats</c> before the level check; only events that pass the check are written and kept for GET-LOG. (C call
/// sites and <c>[LoggerMessage]</c> methods check the level first, so in practice both see enabled events only.)
/// <see cref="LogUnconditional"/> skips the check, as <c>qd_log_impl_v1</c> does for the AMQP frame trace.</para>
/// <para><b>Protocol trace</b>: <see cref="IsProtocolTraceEnabled"/> is true while any module's effective mask
/// includes debug; <see cref="ProtocolTraceChanged"/> fires when that flips. Connection code uses it to turn AMQP
/// frame tracing on or off (written with <see cref="LogUnconditional"/> to PROTOCOL at debug). The C router instead
/// re-arms tracing of existing connections after every <c>log</c> change according to whether the module just changed
/// has debug, and arms new connections when PROTOCOL has debug; "any module" is the stable reading of both.</para>
/// <para>Thread-safety: <see cref="IsEnabled"/> and the counters are lock-free; everything else takes the lock.</para>
/// </remarks>
internal sealed partial class LogState : IDisposable
{
    /// <summary>The C router's <c>QD_LOG_TEXT_MAX</c>: texts are cut to this many bytes minus one (UTF-8).</summary>
    public const int TextMax = 2048;

    /// <summary>How many recent entries GET-LOG can return.</summary>
    public const int HistoryCapacity = 1000;

    /// <summary>Where the syslog sink sends datagrams.</summary>
    public const string DefaultSyslogSocketPath = "/dev/log";

    private const int LevelCount = 5;

    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly Stream _standardOutput;
    private readonly Stream _standardError;
    private readonly string _syslogSocketPath;
    private readonly LogModuleState[] _modules;      // guarded by _lock
    private readonly int[] _effectiveMasks;          // written under _lock with Volatile.Write, read lock-free
    private readonly long[] _counts;                 // [module * LevelCount + level index], Interlocked
    private readonly LogEntryRing _history = new(HistoryCapacity);
    private readonly Dictionary<string, LogSink> _sinks = new(StringComparer.Ordinal);
    private readonly LogTimestampFormatter _timestampFormatter = new();
    private readonly StringBuilder _line = new(512);
    private char[] _chars = new char[1024];
    private byte[] _bytes = new byte[4096];
    private string _timestampFormat = LogTimestampFormatter.DefaultFormat;
    private bool _timestampsInUtc;
    private TimeSpan _zoneOffset = TimeSpan.MinValue;
    private string _zoneAbbreviation = "UTC";
    private volatile bool _protocolTraceEnabled;
    private bool _disposed;

    /// <summary>Creates the state with the C router's start-up defaults (DEFAULT: <c>info+</c>, timestamps, stderr).</summary>
    /// <param name="timeProvider">Clock and local time zone; <see cref="TimeProvider.System"/> if null.</param>
    /// <param name="standardOutput">What <c>outputFile: stdout</c> writes to; the process's stdout if null.</param>
    /// <param name="standardError">What <c>stderr</c> (and syslog's fallback) writes to; the process's stderr if null.</param>
    /// <param name="syslogSocketPath">The syslog socket; <see cref="DefaultSyslogSocketPath"/> if null.</param>
    public LogState(TimeProvider? timeProvider = null, Stream? standardOutput = null, Stream? standardError = null, string? syslogSocketPath = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _standardOutput = standardOutput ?? Console.OpenStandardOutput();
        _standardError = standardError ?? Console.OpenStandardError();
        _syslogSocketPath = syslogSocketPath ?? DefaultSyslogSocketPath;
        _modules = new LogModuleState[LogModules.Count];
        _effectiveMasks = new int[LogModules.Count];
        _counts = new long[LogModules.Count * LevelCount];
        for (int i = 0; i < _modules.Length; i++)
        {
            _modules[i] = new LogModuleState((LogModule)i);
        }

        lock (_lock)
        {
            LogModuleState defaults = _modules[(int)LogModule.Default];
            defaults.Attributes = WithDefaultModuleDefaults(defaults.Attributes);
            defaults.Mask = LogEnableParser.Parse(DefaultEnable);
            defaults.IncludeTimestamp = true;
            defaults.IncludeSource = false;
            defaults.Sink = AcquireSinkLocked(StandardErrorName);
            RecomputeMasksLocked();
        }
    }

    /// <summary>Raised (outside the lock) when <see cref="IsProtocolTraceEnabled"/> changes; the argument is the new value.</summary>
    public event Action<bool>? ProtocolTraceChanged;

    /// <summary>True while any module has debug enabled (effective, after DEFAULT inheritance). See the remarks.</summary>
    public bool IsProtocolTraceEnabled => _protocolTraceEnabled;

    /// <summary>Whether <paramref name="module"/> currently writes events of <paramref name="severity"/>. Lock- and allocation-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsEnabled(LogModule module, LogSeverity severity)
        => (Volatile.Read(ref _effectiveMasks[(int)module]) & (int)severity) != 0;

    /// <summary>
    /// Logs an event (<c>qd_log_impl</c>): counts it, then, if the module has the level enabled, writes it and keeps
    /// it for GET-LOG. <paramref name="severity"/> must be a single level; anything else is ignored.
    /// </summary>
    /// <param name="module">Module.</param>
    /// <param name="severity">Level.</param>
    /// <param name="text">Message text; cut to <see cref="TextMax"/> − 1 UTF-8 bytes.</param>
    /// <param name="file">Source shown with includeSource and in GET-LOG; null for none.</param>
    /// <param name="line">Line shown with <paramref name="file"/>.</param>
    public void Log(LogModule module, LogSeverity severity, string text, string? file = null, int line = 0)
    {
        if (!LogSeverities.IsSingleLevel(severity))
        {
            return;
        }

        Interlocked.Increment(ref _counts[((int)module * LevelCount) + LogSeverities.Index(severity)]);
        if (IsEnabled(module, severity))
        {
            WriteEntry(module, severity, text, file, line);
        }
    }

    /// <summary>
    /// Logs an event whatever the module's level (<c>qd_log_impl_v1</c>, used by the C router for AMQP frame trace
    /// while tracing is on). Counted, written and kept like an enabled event.
    /// </summary>
    public void LogUnconditional(LogModule module, LogSeverity severity, string text, string? file = null, int line = 0)
    {
        if (!LogSeverities.IsSingleLevel(severity))
        {
            return;
        }

        Interlocked.Increment(ref _counts[((int)module * LevelCount) + LogSeverities.Index(severity)]);
        WriteEntry(module, severity, text, file, line);
    }

    /// <summary>
    /// Sets the router entity's <c>timestampFormat</c> (strftime, null keeps the default) and
    /// <c>timestampsInUTC</c>. Takes effect for the next line.
    /// </summary>
    public void SetTimestampOptions(string? timestampFormat, bool timestampsInUtc)
    {
        lock (_lock)
        {
            _timestampFormat = timestampFormat ?? LogTimestampFormatter.DefaultFormat;
            _timestampsInUtc = timestampsInUtc;
        }
    }

    /// <summary>Closes files and the syslog socket. Later events are counted but not written.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (LogModuleState module in _modules)
            {
                module.Sink = null;
            }

            foreach (LogSink sink in _sinks.Values)
            {
                sink.Dispose();
            }

            _sinks.Clear();
        }
    }

    /// <summary>Cuts <paramref name="text"/> to at most <see cref="TextMax"/> − 1 UTF-8 bytes, on a character boundary.</summary>
    internal static string TruncateText(string text)
    {
        const int maxBytes = TextMax - 1;
        if (text.Length <= maxBytes / 3 || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        int bytes = 0;
        int i = 0;
        while (i < text.Length)
        {
            int width;
            int chars = 1;
            char c = text[i];
            if (c < 0x80)
            {
                width = 1;
            }
            else if (c < 0x800)
            {
                width = 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                width = 4;
                chars = 2;
            }
            else
            {
                width = 3;
            }

            if (bytes + width > maxBytes)
            {
                break;
            }

            bytes += width;
            i += chars;
        }

        return text[..i];
    }

    private void WriteEntry(LogModule module, LogSeverity severity, string text, string? file, int line)
    {
        text = TruncateText(text);
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            DateTimeOffset now = _timeProvider.GetUtcNow();
            DateTimeOffset localTime = TimeZoneInfo.ConvertTime(now, _timeProvider.LocalTimeZone);
            LogModuleState source = _modules[(int)module];
            LogModuleState defaults = _modules[(int)LogModule.Default];
            LogSink? sink = source.Sink ?? defaults.Sink;
            if (sink is not null)
            {
                _line.Clear();
                if (source.IncludeTimestamp ?? defaults.IncludeTimestamp ?? true)
                {
                    if (_timestampsInUtc)
                    {
                        _timestampFormatter.Format(_line, _timestampFormat, now.ToOffset(TimeSpan.Zero), "GMT");
                    }
                    else
                    {
                        _timestampFormatter.Format(_line, _timestampFormat, localTime, LocalZoneAbbreviation(localTime.Offset));
                    }

                    _line.Append(' ');
                }

                _line.Append(LogModules.GetName(module)).Append(" (").Append(LogSeverities.Name(severity)).Append(") ").Append(text);
                if (file is not null && (source.IncludeSource ?? defaults.IncludeSource ?? false))
                {
                    _line.Append(" (").Append(file).Append(':').Append(line).Append(')');
                }

                _line.Append('\n');
                sink.Write(EncodeLine(), severity, localTime);
            }

            _history.Add(new LogEntry(module, severity, text, file, file is null ? null : line, now.ToUnixTimeSeconds()));
        }
    }

    private ReadOnlySpan<byte> EncodeLine()
    {
        int length = _line.Length;
        if (_chars.Length < length)
        {
            _chars = new char[Math.Max(length, _chars.Length * 2)];
        }

        _line.CopyTo(0, _chars, 0, length);
        int maxBytes = Encoding.UTF8.GetMaxByteCount(length);
        if (_bytes.Length < maxBytes)
        {
            _bytes = new byte[Math.Max(maxBytes, _bytes.Length * 2)];
        }

        int count = Encoding.UTF8.GetBytes(_chars, 0, length, _bytes, 0);
        return _bytes.AsSpan(0, count);
    }

    // %Z for local time. .NET has no tz abbreviations: UTC-like zones print "UTC", others the numeric form glibc uses
    // for zones without a name ("+01", "+0530").
    private string LocalZoneAbbreviation(TimeSpan offset)
    {
        if (offset == _zoneOffset)
        {
            return _zoneAbbreviation;
        }

        TimeZoneInfo zone = _timeProvider.LocalTimeZone;
        string abbreviation;
        if (offset == TimeSpan.Zero && (zone.Id is "UTC" or "Etc/UTC" or "Etc/UCT" or "UCT" or "Etc/Universal" or "Universal"
                                            or "Zulu" or "Etc/Zulu" || ReferenceEquals(zone, TimeZoneInfo.Utc)))
        {
            abbreviation = "UTC";
        }
        else if (offset == TimeSpan.Zero && zone.Id is "GMT" or "Etc/GMT" or "Etc/Greenwich" or "Greenwich")
        {
            abbreviation = "GMT";
        }
        else
        {
            int minutes = (int)Math.Abs(offset.TotalMinutes);
            char sign = offset < TimeSpan.Zero ? '-' : '+';
            abbreviation = minutes % 60 == 0
                ? $"{sign}{minutes / 60:00}"
                : $"{sign}{minutes / 60:00}{minutes % 60:00}";
        }

        _zoneOffset = offset;
        _zoneAbbreviation = abbreviation;
        return abbreviation;
    }

    private bool RecomputeMasksLocked()
    {
        int defaultMask = _modules[(int)LogModule.Default].Mask;
        bool anyDebug = false;
        for (int i = 0; i < _modules.Length; i++)
        {
            int own = _modules[i].Mask;
            int effective = own == LogEnableParser.Inherit ? defaultMask : own;
            Volatile.Write(ref _effectiveMasks[i], effective);
            anyDebug |= (effective & (int)LogSeverity.Debug) != 0;
        }

        bool changed = anyDebug != _protocolTraceEnabled;
        _protocolTraceEnabled = anyDebug;
        return changed;
    }
}
