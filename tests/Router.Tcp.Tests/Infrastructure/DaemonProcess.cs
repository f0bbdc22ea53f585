using System.Collections.Concurrent;
using System.Diagnostics;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>
/// The real `skrouterd` daemon in its own process (src/Router.Daemon/bin/&lt;Configuration&gt;/net10.0/skrouterd.dll),
/// started with a configuration file; ready once it logs `Operational`. Its resident set size is read from
/// /proc/&lt;pid&gt;/status.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _log = new();

    private DaemonProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public int Pid => _process.Id;

    public IReadOnlyCollection<string> Log => _log;

    public static string DaemonPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Router.sln")))
            {
                dir = dir.Parent;
            }

            if (dir is null)
            {
                throw new InvalidOperationException("repository root (Router.sln) not found above " + AppContext.BaseDirectory);
            }

            return Path.Combine(dir.FullName, "src", "Router.Daemon", "bin", Configuration, "net10.0", "skrouterd.dll");
        }
    }

    /// <summary>Starts the daemon with the given entities (JSON) and waits for `Operational` and the given log lines.</summary>
    public static Task<DaemonProcess> StartAsync(string entities, params string[] waitFor) => StartAsync(entities, null, waitFor);

    public static async Task<DaemonProcess> StartAsync(string entities, IReadOnlyDictionary<string, string>? environment, params string[] waitFor)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"skrouterd-daemon-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        string config = Path.Combine(directory, "skrouterd.json");
        await File.WriteAllTextAsync(config, $"[[\"router\", {{\"id\": \"RssRouter\", \"mode\": \"standalone\"}}], {entities}]").ConfigureAwait(false);

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(DaemonPath);
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(config);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var daemon = new DaemonProcess(process, directory);
        process.ErrorDataReceived += (_, e) => daemon.Collect(e.Data);
        process.OutputDataReceived += (_, e) => daemon.Collect(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            foreach (var text in waitFor.Prepend("Operational"))
            {
                await Poll.UntilAsync(() => daemon._log.Any(l => l.Contains(text, StringComparison.Ordinal)) || process.HasExited,
                    $"the daemon to log '{text}'", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"skrouterd exited ({process.ExitCode}): {string.Join('\n', daemon._log)}");
                }
            }
        }
        catch
        {
            await daemon.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return daemon;
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    /// <summary>VmRSS in bytes.</summary>
    public long ResidentBytes() => Status("VmRSS") * 1024;

    /// <summary>A numeric field of /proc/&lt;pid&gt;/status (kB for sizes), e.g. VmRSS, RssAnon, Threads.</summary>
    public long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no {field} in /proc/{_process.Id}/status");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
