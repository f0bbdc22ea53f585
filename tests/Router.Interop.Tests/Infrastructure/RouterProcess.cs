using System.Text.RegularExpressions;

namespace Skrouterd.Interop.Tests.Infrastructure;

/// <summary>
/// A skrouterd process (`dotnet skrouterd.dll -c FILE`) with its log on stderr. Started routers are ready once the
/// log says `SERVER (info) Operational`; listener ports (all configured as port 0) come from the
/// `SERVER (info) Listening on 127.0.0.1:PORT (name)` lines.
/// </summary>
internal sealed partial class RouterProcess : ChildProcess
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private RouterProcess(string id, string configPath)
        : base("router " + id, RepoLayout.Dotnet, [RepoLayout.DaemonDll, "-c", configPath], Path.GetDirectoryName(configPath))
    {
        Id = id;
        ConfigPath = configPath;
    }

    public string Id { get; }

    public string ConfigPath { get; }

    /// <summary>Starts a router without waiting for it (for tests of start-up failures).</summary>
    public static RouterProcess Launch(string id, string configPath) => new(id, configPath);

    /// <summary>Starts a router and waits until it is operational.</summary>
    public static async Task<RouterProcess> StartAsync(string id, string configPath)
    {
        var router = Launch(id, configPath);
        await router.WaitOperationalAsync().ConfigureAwait(false);
        return router;
    }

    public Task WaitOperationalAsync() => WaitForLineAsync(l => l.Contains("SERVER (info) Operational", StringComparison.Ordinal), StartTimeout, stderr: true);

    /// <summary>The port a listener bound (from the log).</summary>
    public int Port(string listener = "amqp")
    {
        foreach (var line in StderrLines)
        {
            var m = ListeningLine().Match(line);
            if (m.Success && m.Groups[2].Value == listener)
            {
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{Name}: listener {listener} has not logged its port.\n{Describe()}");
    }

    /// <summary>The port an HTTP listener bound (from its `HTTP (info) Listening for HTTP on ... (name)` line).</summary>
    public int HttpPort(string listener)
    {
        foreach (var line in StderrLines)
        {
            var m = HttpListeningLine().Match(line);
            if (m.Success && m.Groups[2].Value == listener)
            {
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{Name}: HTTP listener {listener} has not logged its port.\n{Describe()}");
    }

    public string Url(string listener = "amqp", string scheme = "amqp") => $"{scheme}://127.0.0.1:{Port(listener)}";

    /// <summary>Resident set size now (VmRSS from /proc), in KiB.</summary>
    public long ResidentKiB()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("no VmRSS line");
    }

    /// <summary>Log lines of the router (stderr).</summary>
    public IReadOnlyList<string> LogLines => StderrLines;

    public Task<string> WaitForLogAsync(string fragment, TimeSpan timeout) =>
        WaitForLineAsync(l => l.Contains(fragment, StringComparison.Ordinal), timeout, stderr: true);

    /// <summary>Sends <paramref name="signal"/> and waits for the exit; returns the exit code.</summary>
    public async Task<int> StopAsync(int signal = Signals.SIGTERM)
    {
        if (!HasExited)
        {
            Signal(signal);
        }

        return await WaitForExitAsync(StopTimeout).ConfigureAwait(false);
    }

    [GeneratedRegex(@"SERVER \(info\) Listening on \S+:(\d+) \(([^)]*)\)$")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"HTTP \(info\) Listening for HTTP on \S+:(\d+) \(([^)]*)\)$")]
    private static partial Regex HttpListeningLine();
}
