using System.Runtime.CompilerServices;

namespace Skrouterd.Tests.Config;

/// <summary>Temporary directory for configuration files written by a test; deleted on dispose.</summary>
public sealed class ConfigTestFiles : IDisposable
{
    public ConfigTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "skrouterd-config-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string fileName, string text)
    {
        string path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Path of a file under Config/TestData in the source tree.</summary>
    public static string TestData(string fileName, [CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "TestData", fileName);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
