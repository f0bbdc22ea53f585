using System.Diagnostics;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>
/// Runs a short script with the system's python3 to get what Python itself prints (json.dumps, repr, %-formatting),
/// the behaviour the tools must match. Bounded by a timeout; fails clearly when python3 is missing.
/// </summary>
internal static class PythonOracle
{
    public static async Task<string> RunAsync(string script)
    {
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python, ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("python3 failed: " + await stderr);
        }

        return await stdout;
    }
}
