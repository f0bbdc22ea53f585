using System.Text;

namespace Skrouterd.Config;

/// <summary>
/// A configuration file cannot be used. <see cref="Exception.Message"/> is the complete user-facing text, e.g.
/// <c>/etc/x/skrouterd.json:7: listener "amqp": Unknown attribute 'prot' for 'io.skupper.router.listener'</c>.
/// </summary>
internal sealed class ConfigException : Exception
{
    public ConfigException(
        string file,
        int line,
        string? entityType,
        string? entityName,
        string? attribute,
        string detail,
        Exception? inner = null)
        : base(Format(file, line, entityType, entityName, detail), inner)
    {
        File = file;
        Line = line;
        EntityType = entityType;
        EntityName = entityName;
        Attribute = attribute;
        Detail = detail;
    }

    /// <summary>The configuration file's path as given.</summary>
    public string File { get; }

    /// <summary>1-based line where the entity (or the syntax error) starts; 0 when the error concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>Entity type as written in the file (after camelCase normalisation), if the error concerns an entity.</summary>
    public string? EntityType { get; }

    /// <summary>The entity's <c>name</c>, if it has one.</summary>
    public string? EntityName { get; }

    /// <summary>The attribute at fault, if any.</summary>
    public string? Attribute { get; }

    /// <summary>The message without the file/line/entity prefix.</summary>
    public string Detail { get; }

    private static string Format(string file, int line, string? entityType, string? entityName, string detail)
    {
        var sb = new StringBuilder(file);
        if (line > 0)
        {
            sb.Append(':').Append(line);
        }

        sb.Append(": ");
        if (entityType is not null)
        {
            sb.Append(entityType);
            if (entityName is not null)
            {
                sb.Append(" \"").Append(entityName).Append('"');
            }

            sb.Append(": ");
        }

        // One line, whatever the offending value contains.
        return sb.Append(detail).Replace("\r", "\\r").Replace("\n", "\\n").ToString();
    }
}
