using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Interop.Tests.Infrastructure;

/// <summary>
/// Base of every interop test: a temporary directory, the routers and clients the test started, and clean-up that
/// always runs (also after a failure or a time-out). Routers still running at the end are stopped with SIGTERM and
/// must exit 0; clients still running are killed. The output of every process goes to the test output.
/// </summary>
public abstract class InteropTest : IAsyncLifetime
{
    /// <summary>Default limit for one client script run (each script also has its own --timeout).</summary>
    protected static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Default limit for a wait on an event of a running client.</summary>
    protected static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The --timeout passed to client scripts, in seconds.</summary>
    protected const string ScriptTimeout = "30";

    /// <summary>Temporary directories of tests not yet disposed (a timed-out test never is): removed at process exit.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> s_tempDirs = new();

    private readonly List<ChildProcess> _processes = [];

    static InteropTest()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var dir in s_tempDirs.Keys)
            {
                TryDelete(dir);
            }
        };
    }

    protected InteropTest(ITestOutputHelper output)
    {
        Output = output;
        TempDir = Directory.CreateTempSubdirectory("skrouterd-interop-").FullName;
        s_tempDirs[TempDir] = 0;
    }

    protected ITestOutputHelper Output { get; }

    protected string TempDir { get; }

    private protected T Track<T>(T process)
        where T : ChildProcess
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>Writes the configuration to a file and starts a router on it; returns once it is operational.</summary>
    private protected async Task<RouterProcess> StartRouterAsync(RouterConfigBuilder config)
    {
        string path = Path.Combine(TempDir, config.Id + ".json");
        await File.WriteAllTextAsync(path, config.ToJson());
        var router = Track(RouterProcess.Launch(config.Id, path));
        await router.WaitOperationalAsync();
        return router;
    }

    /// <summary>Starts a client script (arguments as for the script) without waiting for it.</summary>
    private protected PythonClient StartClient(string name, string script, params string[] arguments) =>
        Track(PythonClient.Start(name, script, arguments));

    /// <summary>Runs a client script to its end; it must exit with <paramref name="exitCode"/>. Returns its `done` event.</summary>
    private protected async Task<JsonElement> RunClientAsync(string name, string script, string[] arguments, int exitCode = 0)
    {
        var client = StartClient(name, script, arguments);
        return await client.DoneAsync(ClientTimeout, exitCode);
    }

    /// <summary>Runs a client script to its end and returns it (for tests that look at non-zero exits).</summary>
    private protected async Task<PythonClient> RunClientToExitAsync(string name, string script, params string[] arguments)
    {
        var client = StartClient(name, script, arguments);
        await client.WaitForExitAsync(ClientTimeout);
        return client;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        List<ChildProcess> processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        var failures = new List<string>();

        // Clients first (they may hold connections to the routers), then routers with SIGTERM, which must exit 0.
        foreach (var p in processes.Where(p => p is not RouterProcess))
        {
            if (!p.HasExited)
            {
                p.Kill();
            }
        }

        foreach (var router in processes.OfType<RouterProcess>())
        {
            if (router.HasExited)
            {
                continue;
            }

            try
            {
                int code = await router.StopAsync();
                if (code != 0)
                {
                    failures.Add($"{router.Name} exited {code} after SIGTERM");
                }
            }
            catch (TimeoutException e)
            {
                failures.Add(e.Message);
            }
        }

        foreach (var p in processes)
        {
            Output.WriteLine(p.Describe());
            p.Dispose();
        }

        TryDelete(TempDir);
        s_tempDirs.TryRemove(TempDir, out _);
        if (failures.Count > 0)
        {
            Assert.Fail(string.Join('\n', failures));
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
