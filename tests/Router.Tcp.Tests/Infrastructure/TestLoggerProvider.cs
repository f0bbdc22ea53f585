using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>Keeps the router's log lines (Debug and above) in memory; set SKROUTERD_TEST_LOG=1 to also print them.</summary>
internal sealed class TestLoggerProvider(bool keep = true) : ILoggerProvider, ILoggerFactory
{
    private static readonly bool s_print = Environment.GetEnvironmentVariable("SKROUTERD_TEST_LOG") == "1";

    /// <summary>False for measurements: nothing is kept (and nothing formatted unless printing).</summary>
    public bool Keep { get; } = keep;

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(TestLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug && (owner.Keep || s_print);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string line = $"{category} ({logLevel}) {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
            if (owner.Keep)
            {
                if (owner.Lines.Count > 20_000)
                {
                    owner.Lines.TryDequeue(out _);
                }

                owner.Lines.Enqueue(line);
            }

            if (s_print)
            {
                Console.Error.WriteLine(line);
            }
        }
    }
}
