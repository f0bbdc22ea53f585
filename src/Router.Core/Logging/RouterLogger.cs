using Microsoft.Extensions.Logging;

namespace Skrouterd.Logging;

/// <summary>
/// MEL logger for one category. A module category (<see cref="LogModules"/>) logs to that module; any other category
/// (framework loggers such as <c>Microsoft.Hosting.Lifetime</c>) logs to DEFAULT, at warning and above only, with the
/// category in front of the text (<c>DEFAULT (warning) Microsoft.Hosting.Lifetime: …</c>).
/// </summary>
/// <remarks>
/// includeSource prints <c> (&lt;EventName&gt;:&lt;EventId&gt;)</c> of the call, since MEL has no caller file and
/// line; <c>[LoggerMessage]</c> methods always have one (the event name defaults to the method name). A call without
/// an event id and name has no source. GET-LOG reports the same pair as file and line. An exception is appended to
/// the text after a newline (<see cref="Exception.ToString"/>), within the text length limit.
/// </remarks>
internal sealed class RouterLogger : ILogger
{
    private readonly LogState _state;
    private readonly LogModule _module;
    private readonly string? _foreignCategory;

    public RouterLogger(LogState state, string categoryName)
    {
        _state = state;
        if (LogModules.TryParse(categoryName, out LogModule module))
        {
            _module = module;
        }
        else
        {
            _module = LogModule.Default;
            _foreignCategory = categoryName;
        }
    }

    /// <summary>The module this logger writes to.</summary>
    public LogModule Module => _module;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel)
        => (_foreignCategory is null || logLevel >= LogLevel.Warning)
           && _state.IsEnabled(_module, LogSeverities.FromLogLevel(logLevel));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        LogSeverity severity = LogSeverities.FromLogLevel(logLevel);
        if (severity == LogSeverity.None || (_foreignCategory is not null && logLevel < LogLevel.Warning))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        string text = formatter(state, exception);
        if (_foreignCategory is not null)
        {
            text = _foreignCategory + ": " + text;
        }

        if (exception is not null)
        {
            text = text + "\n" + exception;
        }

        string? file = eventId.Id == 0 && string.IsNullOrEmpty(eventId.Name) ? null : eventId.Name ?? string.Empty;
        _state.Log(_module, severity, text, file, eventId.Id);
    }
}
