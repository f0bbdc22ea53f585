using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.CommandLine;
using Skrouterd.Cli.Python;
using Skrouterd.Management;
using Skrouterd.Management.Schema;

namespace Skrouterd.Cli.Skmanage;

/// <summary>
/// skmanage's handling of type names and <c>ATTR[=VALUE]</c> words (R:tools/skmanage.in <c>long_type</c>,
/// <c>attr_split</c>): <c>true</c>/<c>false</c> become booleans, values of schema <c>integer</c> attributes become
/// ints when a type is known, a word without <c>=</c> means None.
/// </summary>
internal static class AttributeArgs
{
    private const string Prefix = "io.skupper.router.";

    /// <summary>A dotted name as is; link/node under router., address/autoLink under router.config., else the prefix.</summary>
    public static string? LongType(string? type)
    {
        if (string.IsNullOrEmpty(type) || type.Contains('.'))
        {
            return type;
        }

        return type switch
        {
            "link" or "node" => Prefix + "router." + type,
            "address" or "autoLink" => Prefix + "router.config." + type,
            _ => Prefix + type,
        };
    }

    public static KeyValuePair<object?, object?> Split(string word, string? type)
    {
        int eq = word.IndexOf('=');
        if (eq < 0)
        {
            return new(word, null);
        }

        string name = word[..eq];
        string text = word[(eq + 1)..];
        if (text == "true")
        {
            return new(name, true);
        }

        if (text == "false")
        {
            return new(name, false);
        }

        if (!string.IsNullOrEmpty(type))
        {
            var entityType = RouterSchema.Find(type) ?? throw PyErrors.ValidationError($"No such entity type '{type}'");
            var attribute = entityType.FindAttribute(name) ?? entityType.FindDeprecatedAlias(name)
                ?? throw PyErrors.ValidationError($"Unknown attribute '{name}' for '{entityType.FullyQualifiedName}'");
            if (attribute.Kind == AttributeKind.Integer)
            {
                long? value = ArgumentParser.PythonInt(text);
                return value is long v
                    ? new(name, v)
                    : throw PyErrors.ValueError("invalid literal for int() with base 10: " + PythonRepr.StringRepr(text));
            }
        }

        return new(name, text);
    }

    /// <summary><c>dict(attr_split(arg) for arg in args)</c>.</summary>
    public static AmqpMap ToMap(IEnumerable<string> words, string? type) => PyDict.FromPairs(words.Select(w => Split(w, type)));
}
