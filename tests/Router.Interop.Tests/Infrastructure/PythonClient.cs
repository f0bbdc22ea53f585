using System.Text.Json;

namespace Skrouterd.Interop.Tests.Infrastructure;

/// <summary>
/// One run of a client script from clients/*.py under Debian's python3 with python3-qpid-proton. The scripts print
/// JSON lines; each parsed line is an event (`{"event": "done", ...}`).
/// </summary>
internal sealed class PythonClient : ChildProcess
{
    private PythonClient(string name, string script, IEnumerable<string> arguments)
        : base(name, RepoLayout.Python, ["-u", Path.Combine(RepoLayout.ClientsDirectory, script), .. arguments], RepoLayout.ClientsDirectory)
    {
    }

    public static PythonClient Start(string name, string script, params string[] arguments) => new(name, script, arguments);

    /// <summary>Every JSON line printed so far.</summary>
    public IReadOnlyList<JsonElement> Events => [.. StdoutLines.Select(TryParse).OfType<JsonElement>()];

    /// <summary>Events named <paramref name="name"/> (the `event` field), in order.</summary>
    public IReadOnlyList<JsonElement> EventsNamed(string name) => [.. Events.Where(e => EventName(e) == name)];

    /// <summary>Waits for an event line named <paramref name="name"/>.</summary>
    public async Task<JsonElement> WaitForEventAsync(string name, TimeSpan timeout)
    {
        var line = await WaitForLineAsync(l => TryParse(l) is { } e && EventName(e) == name, timeout).ConfigureAwait(false);
        return TryParse(line)!.Value;
    }

    /// <summary>Waits for the exit and returns the last `done` event; fails with the output if there is none.</summary>
    public async Task<JsonElement> DoneAsync(TimeSpan timeout, int expectedExitCode = 0)
    {
        int code = await WaitForExitAsync(timeout).ConfigureAwait(false);
        if (code != expectedExitCode)
        {
            throw new Xunit.Sdk.XunitException($"{Name} exited {code}, expected {expectedExitCode}.\n{Describe()}");
        }

        var done = EventsNamed("done");
        return done.Count > 0 ? done[^1] : throw new Xunit.Sdk.XunitException($"{Name} printed no done event.\n{Describe()}");
    }

    private static string? EventName(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("event", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement? TryParse(string line)
    {
        if (line.Length == 0 || line[0] != '{')
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
