using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Skrouterd.Interop.Tests.Infrastructure;

namespace Skrouterd.Cli.LiveTests.Infrastructure;

/// <summary>
/// One run of skstat or skmanage (`dotnet &lt;tool&gt;.dll ARGS`, stdin closed) with its exact stdout and stderr. A run
/// that outlives its limit is killed; runs still going when the test process exits are killed too.
/// </summary>
internal sealed record ToolRun(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    private static readonly ConcurrentDictionary<Process, byte> s_live = new();

    static ToolRun()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var p in s_live.Keys)
            {
                TryKill(p);
            }
        };
    }

    /// <summary>Stdout split into lines: only the final newline is dropped, so trailing empty lines are kept.</summary>
    public string[] Lines => Stdout.Length == 0 ? [] : (Stdout.EndsWith('\n') ? Stdout[..^1] : Stdout).Split('\n');

    public static async Task<ToolRun> RunAsync(string dll, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(RepoLayout.Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        string commandLine = Path.GetFileNameWithoutExtension(dll) + " " + string.Join(' ', arguments);
        using var process = new Process { StartInfo = info };
        process.Start();
        s_live[process] = 0;
        try
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                TryKill(process);
                throw new TimeoutException($"{commandLine} did not exit within {timeout.TotalSeconds:0.#}s");
            }

            return new ToolRun(commandLine, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        finally
        {
            TryKill(process);
            s_live.TryRemove(process, out _);
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public override string ToString() =>
        $"$ {CommandLine}\n[exit {ExitCode}]\n{Stdout}" + (Stderr.Length > 0 ? $"[stderr]\n{Stderr}" : "");
}
