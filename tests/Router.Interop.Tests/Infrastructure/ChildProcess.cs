using System.Diagnostics;
using System.Text;

namespace Skrouterd.Interop.Tests.Infrastructure;

/// <summary>
/// A child process whose stdout and stderr are collected line by line; tests wait for lines or for the exit with a
/// deadline (never a fixed sleep). Disposing kills the process tree if it is still running.
/// </summary>
internal class ChildProcess : IDisposable
{
    private const int TailLines = 60;

    /// <summary>
    /// Every child still running. xunit abandons a test that exceeds its Timeout without disposing it, so whatever
    /// such a test started is killed when the test process exits.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ChildProcess, byte> s_live = new();

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in s_live.Keys)
            {
                child.Kill();
            }
        };
    }

    private readonly Process _process;
    private readonly object _sync = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stdinClosed;
    private int? _exitCode;

    protected ChildProcess(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        Name = name;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["PYTHONUNBUFFERED"] = "1";
        CommandLine = fileName + " " + string.Join(' ', info.ArgumentList);
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(_stderr, e.Data);
        _process.Start();
        s_live[this] = 0;
        Pid = _process.Id;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _ = WatchExitAsync();
    }

    public string Name { get; }

    public string CommandLine { get; }

    public int Pid { get; }

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Completes when the process has exited and its output has been read.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Exit code once exited (after all output was read).</summary>
    public int? ExitCode => HasExited ? _exitCode : null;

    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_sync)
            {
                return [.. _stdout];
            }
        }
    }

    public IReadOnlyList<string> StderrLines
    {
        get
        {
            lock (_sync)
            {
                return [.. _stderr];
            }
        }
    }

    public string Stdout => string.Join('\n', StdoutLines);

    public string Stderr => string.Join('\n', StderrLines);

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null) =>
        new(name, fileName, arguments, workingDirectory);

    private async Task WatchExitAsync()
    {
        try
        {
            // WaitForExitAsync also waits for the redirected streams to reach end of file.
            await _process.WaitForExitAsync().ConfigureAwait(false);
            _exitCode = _process.ExitCode;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // disposed while running (test clean-up)
        }

        _exited.TrySetResult();
        Changed();
    }

    protected virtual void OnLine(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_sync)
        {
            lines.Add(line);
        }

        Changed();
    }

    private void Changed()
    {
        TaskCompletionSource changed;
        lock (_sync)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Waits until a stdout (or stderr) line matches; fails if the process exits first or time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, bool stderr = false)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            bool exited;
            lock (_sync)
            {
                foreach (var line in stderr ? _stderr : _stdout)
                {
                    if (match(line))
                    {
                        return line;
                    }
                }

                changed = _changed.Task;
                exited = HasExited;
            }

            if (exited)
            {
                throw new InvalidOperationException($"{Name} exited ({_exitCode}) before the expected line appeared.\n{Describe()}");
            }

            var remaining = timeout - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{Name}: no matching line within {timeout.TotalSeconds:0.#}s.\n{Describe()}");
            }

            await Task.WhenAny(changed, Task.Delay(remaining)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the exit; kills the process and throws if it does not exit in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)).ConfigureAwait(false) != _exited.Task)
        {
            Kill();
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0.#}s.\n{Describe()}");
        }

        return _exitCode ?? -1;
    }

    public void Signal(int signal) => Signals.Send(Pid, signal);

    /// <summary>Closes the child's stdin (the client scripts stop on end of file).</summary>
    public void CloseInput()
    {
        lock (_sync)
        {
            if (_stdinClosed)
            {
                return;
            }

            _stdinClosed = true;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Command, state and the last lines of output, for failure messages.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("--- ").Append(Name).Append(" (pid ").Append(Pid).Append(") ").Append(CommandLine).AppendLine();
        sb.Append("    state: ").AppendLine(HasExited ? $"exited {_exitCode}" : "running");
        AppendTail(sb, "stdout", StdoutLines);
        AppendTail(sb, "stderr", StderrLines);
        return sb.ToString();
    }

    private static void AppendTail(StringBuilder sb, string label, IReadOnlyList<string> lines)
    {
        int skip = Math.Max(0, lines.Count - TailLines);
        sb.Append("    ").Append(label).Append(" (").Append(lines.Count).AppendLine(" lines):");
        if (skip > 0)
        {
            sb.Append("      ... ").Append(skip).AppendLine(" earlier lines");
        }

        for (int i = skip; i < lines.Count; i++)
        {
            sb.Append("      ").AppendLine(lines[i]);
        }
    }

    public void Dispose()
    {
        Kill();
        s_live.TryRemove(this, out _);
        _process.Dispose();
        GC.SuppressFinalize(this);
    }
}
