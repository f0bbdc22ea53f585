using Skrouterd.Logging;
using Skrouterd.Management.Schema;

namespace Skrouterd.Daemon;

/// <summary>Maps a validated `log` entity to the logging subsystem's configuration record.</summary>
internal static class LogEntities
{
    public static LogEntityConfig FromConfig(AttributeSet a) => new(a.GetString("module") ?? "DEFAULT")
    {
        Enable = a.GetString("enable"),
        IncludeTimestamp = a.GetBoolean("includeTimestamp"),
        IncludeSource = a.GetBoolean("includeSource"),
        OutputFile = a.GetString("outputFile"),
        Name = a.GetString("name"),
    };
}
