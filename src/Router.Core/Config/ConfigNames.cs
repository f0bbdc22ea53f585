using System.Text;

namespace Skrouterd.Config;

/// <summary>Name normalisation applied to entity-type and attribute names read from configuration files.</summary>
internal static class ConfigNames
{
    /// <summary>
    /// camelCase: split on space, '_', '-' and '.'; keep the first word as written, capitalise each following word
    /// (first letter upper, the rest lower). <c>worker_threads</c> → <c>workerThreads</c>, <c>ssl-profile</c> → <c>sslProfile</c>.
    /// </summary>
    public static string CamelCase(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        string[] words = name.Split([' ', '_', '-', '.']);
        var sb = new StringBuilder(words[0], name.Length);
        for (int i = 1; i < words.Length; i++)
        {
            string w = words[i];
            if (w.Length > 0)
            {
                sb.Append(char.ToUpperInvariant(w[0])).Append(w[1..].ToLowerInvariant());
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The schema name for a section's (normalised) type name: <c>address</c> → <c>router.config.address</c>,
    /// <c>autoLink</c> → <c>router.config.autoLink</c> (also the removed <c>exchange</c>/<c>binding</c>).
    /// </summary>
    public static string SchemaTypeName(string sectionType) => sectionType switch
    {
        "address" => "router.config.address",
        "autoLink" => "router.config.autoLink",
        "exchange" => "router.config.exchange",
        "binding" => "router.config.binding",
        _ => sectionType,
    };
}
