using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skrouterd.Logging;

/// <summary>
/// <see cref="ILoggerProvider"/> that writes through a <see cref="LogState"/> in the C router's format.
/// </summary>
/// <remarks>
/// <para>Wiring (daemon): create one <see cref="LogState"/>, then
/// <c>builder.ClearProviders().AddProvider(new RouterLoggerProvider(state)).SetMinimumLevel(LogLevel.Trace)</c>.
/// The minimum level must be Trace (or Debug) because MEL's default filter is Information and would hide debug
/// events before the router's own per-module levels are consulted.</para>
/// <para>Categories: see <see cref="RouterLogger"/>. The provider does not own the state; dispose the state after
/// the logger factory.</para>
/// </remarks>
[ProviderAlias("Skrouterd")]
internal sealed class RouterLoggerProvider : ILoggerProvider
{
    private readonly LogState _state;
    private readonly ConcurrentDictionary<string, RouterLogger> _loggers = new(StringComparer.Ordinal);

    public RouterLoggerProvider(LogState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <summary>The state this provider writes through.</summary>
    public LogState State => _state;

    public ILogger CreateLogger(string categoryName)
        => _loggers.GetOrAdd(categoryName, static (name, state) => new RouterLogger(state, name), _state);

    public void Dispose()
    {
    }
}
