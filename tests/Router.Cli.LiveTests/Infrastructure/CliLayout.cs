using Skrouterd.Interop.Tests.Infrastructure;

namespace Skrouterd.Cli.LiveTests.Infrastructure;

/// <summary>The built tools: src/Router.Cli.Skstat/bin/&lt;Configuration&gt;/net10.0/skstat.dll and skmanage.dll.</summary>
internal static class CliLayout
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly Lazy<string> s_skstat = new(() => Find("Router.Cli.Skstat", "skstat", "SKSTAT_DLL"));
    private static readonly Lazy<string> s_skmanage = new(() => Find("Router.Cli.Skmanage", "skmanage", "SKMANAGE_DLL"));

    /// <summary>skstat.dll as built by the solution (override with SKSTAT_DLL).</summary>
    public static string SkstatDll => s_skstat.Value;

    /// <summary>skmanage.dll as built by the solution (override with SKMANAGE_DLL).</summary>
    public static string SkmanageDll => s_skmanage.Value;

    private static string Find(string project, string assembly, string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } overridden)
        {
            return File.Exists(overridden) ? overridden : throw new FileNotFoundException(variable + " does not exist", overridden);
        }

        string bin = Path.Combine(RepoLayout.RepoRoot, "src", project, "bin");
        string preferred = Path.Combine(bin, Configuration, "net10.0", assembly + ".dll");
        if (File.Exists(preferred))
        {
            return preferred;
        }

        var any = Directory.Exists(bin)
            ? Directory.GetFiles(bin, assembly + ".dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return any ?? throw new FileNotFoundException(assembly + ".dll not built; run `dotnet build` at the repository root", preferred);
    }
}
