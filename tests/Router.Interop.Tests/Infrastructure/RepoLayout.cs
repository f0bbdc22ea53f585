namespace Skrouterd.Interop.Tests.Infrastructure;

/// <summary>Where the things the tests run live: the built daemon, the Python client scripts, the interpreters.</summary>
internal static class RepoLayout
{
    /// <summary>Debian's interpreter, which has python3-qpid-proton (0.37) installed.</summary>
    public const string Python = "/usr/bin/python3";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);
    private static readonly Lazy<string> s_daemon = new(FindDaemon);

    public static string RepoRoot => s_repoRoot.Value;

    /// <summary>skrouterd.dll as built by the solution (override with SKROUTERD_DLL).</summary>
    public static string DaemonDll => s_daemon.Value;

    /// <summary>The client scripts, copied next to the test assembly.</summary>
    public static string ClientsDirectory => Path.Combine(AppContext.BaseDirectory, "clients");

    /// <summary>The dotnet host that runs the tests (the CLI exports it to child processes).</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Router.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Router.sln not found above {AppContext.BaseDirectory}");
    }

    private static string FindDaemon()
    {
        if (Environment.GetEnvironmentVariable("SKROUTERD_DLL") is { Length: > 0 } overridden)
        {
            return File.Exists(overridden) ? overridden : throw new FileNotFoundException("SKROUTERD_DLL does not exist", overridden);
        }

        string bin = Path.Combine(RepoRoot, "src", "Router.Daemon", "bin");
        string preferred = Path.Combine(bin, Configuration, "net10.0", "skrouterd.dll");
        if (File.Exists(preferred))
        {
            return preferred;
        }

        // Built in the other configuration only: use whatever exists, newest first.
        var any = Directory.Exists(bin)
            ? Directory.GetFiles(bin, "skrouterd.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return any ?? throw new FileNotFoundException("skrouterd.dll not built; run `dotnet build` at the repository root", preferred);
    }
}
