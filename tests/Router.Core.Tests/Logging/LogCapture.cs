using System.Text;
using Skrouterd.Logging;

namespace Skrouterd.Tests.Logging;

/// <summary>A <see cref="LogState"/> writing stdout/stderr to memory, with a fixed clock.</summary>
internal sealed class LogCapture : IDisposable
{
    public LogCapture(TestClock? clock = null, string? syslogSocketPath = null)
    {
        Clock = clock ?? new TestClock(TestClock.Sample);
        State = new LogState(Clock, StandardOutput, StandardError, syslogSocketPath ?? "/nonexistent/skrouterd-test/log");
    }

    public TestClock Clock { get; }

    public MemoryStream StandardOutput { get; } = new();

    public MemoryStream StandardError { get; } = new();

    public LogState State { get; }

    public string ErrorText => Encoding.UTF8.GetString(StandardError.ToArray());

    public string OutputText => Encoding.UTF8.GetString(StandardOutput.ToArray());

    public string[] ErrorLines => Lines(ErrorText);

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose() => State.Dispose();
}
