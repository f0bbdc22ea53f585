using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Config;

/// <summary>
/// Parses the legacy line-oriented <c>.conf</c> format:
/// <code>
/// listener {
///     host: 0.0.0.0      # trailing comment
///     port: amqp
/// }
/// </code>
/// Values are strings (converted later by schema type). <c>#</c> starts a comment except in the values of
/// <c>pattern</c>, <c>bindingKey</c> and <c>hostname</c> (whose value is the first blank-free token).
/// <c>key: {</c> opens a nested map of <c>key: value</c> lines; for <c>openProperties</c> and <c>groups</c> the nested
/// content is JSON, passed through as is.
/// </summary>
internal static partial class ConfParser
{
    private static readonly HashSet<string> _hashAllowedKeys = ["pattern", "bindingKey", "hostname"];
    private static readonly HashSet<string> _jsonValuedKeys = ["openProperties", "groups"];

    [GeneratedRegex(@"^([\w-]+)[ \t]*\{[ \t]*$")]
    private static partial Regex SectionStart();

    [GeneratedRegex(@"^(\$*[\w-]+)[ \t]*:[ \t]*\{[ \t]*$")]
    private static partial Regex MapStart();

    [GeneratedRegex(@"^([\w-]+)[ \t]*:[ \t]*([^ \t{].*)$")]
    private static partial Regex Item();

    [GeneratedRegex(@"^([\w-]+)[ \t]*:[ \t]*(\S+)")]
    private static partial Regex HashAllowedItem();

    [GeneratedRegex(@",\s*([\]}])")]
    private static partial Regex SpareComma();

    public static List<ConfigSection> Parse(string text, string file)
    {
        var state = new State(file);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            state.Feed(lines[i].Trim(), i + 1);
        }

        state.Finish();
        return state.Sections;
    }

    private sealed class State
    {
        private readonly string _file;
        private readonly Stack<(string Key, AmqpMap Map, int Line)> _maps = new();
        private string? _sectionType;
        private int _sectionLine;
        private List<KeyValuePair<string, object?>>? _attributes;
        private ConfigSectionError? _error;
        private string? _jsonKey;
        private StringBuilder? _json;
        private int _jsonDepth;
        private int _jsonLine;

        public State(string file) => _file = file;

        public List<ConfigSection> Sections { get; } = [];

        public void Feed(string line, int n)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                return;
            }

            if (_json is not null)
            {
                FeedJson(line);
                return;
            }

            var item = Item().Match(line);
            if (item.Success && _hashAllowedKeys.Contains(item.Groups[1].Value))
            {
                var m = HashAllowedItem().Match(line);
                AddItem(m.Groups[1].Value, m.Groups[2].Value, n);
                return;
            }

            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash].Trim();
            }

            Match match;
            if ((match = SectionStart().Match(line)).Success)
            {
                if (_sectionType is not null)
                {
                    throw SectionError(null, $"Section '{_sectionType}' is not terminated: found the start of section '{match.Groups[1].Value}' at line {n} (missing '}}')");
                }

                _sectionType = ConfigNames.CamelCase(match.Groups[1].Value);
                _sectionLine = n;
                _attributes = [];
                _error = null;
            }
            else if ((match = MapStart().Match(line)).Success)
            {
                string key = match.Groups[1].Value;
                RequireSection(line, n);
                if (_maps.Count == 0 && _jsonValuedKeys.Contains(key))
                {
                    _jsonKey = key;
                    _json = new StringBuilder("{\n");
                    _jsonDepth = 1;
                    _jsonLine = n;
                }
                else
                {
                    _maps.Push((key, new AmqpMap(), n));
                }
            }
            else if ((match = Item().Match(line)).Success)
            {
                RequireSection(line, n);
                AddItem(match.Groups[1].Value, match.Groups[2].Value, n);
            }
            else if (line == "}")
            {
                if (_maps.Count > 0)
                {
                    var (key, map, _) = _maps.Pop();
                    Add(key, map);
                }
                else if (_sectionType is not null)
                {
                    CloseSection();
                }
                else
                {
                    throw new ConfigException(_file, n, null, null, null, "Unexpected '}' outside of a section");
                }
            }
            else if (_sectionType is null)
            {
                throw new ConfigException(_file, n, null, null, null, $"Invalid config file syntax: '{line}' (expected '<entity type> {{')");
            }
            else
            {
                Defer(null, $"Invalid config file syntax at line {n}: '{line}' (expected '<attribute>: <value>' or '}}')");
            }
        }

        public void Finish()
        {
            if (_json is not null)
            {
                throw SectionError(_jsonKey, $"Value of attribute '{_jsonKey}' starting at line {_jsonLine} is not terminated (missing '}}')");
            }

            if (_maps.Count > 0)
            {
                var (key, _, line) = _maps.Peek();
                throw SectionError(key, $"Map value of attribute '{key}' starting at line {line} is not terminated (missing '}}')");
            }

            if (_sectionType is not null)
            {
                throw SectionError(null, $"Section '{_sectionType}' is not terminated (missing '}}' before end of file)");
            }
        }

        private void FeedJson(string line)
        {
            _json!.Append(line).Append('\n');
            bool inString = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c == '{')
                {
                    _jsonDepth++;
                }
                else if (c == '}' && --_jsonDepth == 0)
                {
                    // Whatever follows the closing brace on this line (a tolerated ',') is dropped.
                    _json.Length -= line.Length - i + 1;
                    _json.Append('}');
                    break;
                }
            }

            if (_jsonDepth > 0)
            {
                return;
            }

            string key = _jsonKey!;
            string jsonText = SpareComma().Replace(_json.ToString(), "$1");
            _json = null;
            _jsonKey = null;
            try
            {
                using var doc = JsonDocument.Parse(jsonText);
                Add(key, JsonValues.ToObject(doc.RootElement));
            }
            catch (JsonException ex)
            {
                long line0 = _jsonLine + (ex.LineNumber ?? 0);
                Defer(key, $"Invalid JSON in the value of attribute '{key}' (line {line0}): {JsonValues.CleanMessage(ex)}");
            }
        }

        private void AddItem(string key, string rawValue, int n)
        {
            // The value must be valid as the body of a JSON string (it is quoted verbatim by the C router's parser).
            string? value = null;
            try
            {
                using var doc = JsonDocument.Parse("\"" + rawValue + "\"");
                value = doc.RootElement.GetString();
            }
            catch (JsonException)
            {
            }

            if (value is null)
            {
                Defer(key, $"Invalid value for attribute '{key}' at line {n}: a .conf value may not contain '\"', '\\' or control characters");
                return;
            }

            Add(key, value);
        }

        private void Add(string key, object? value)
        {
            if (_maps.Count > 0)
            {
                _maps.Peek().Map[key] = value;
            }
            else
            {
                _attributes!.Add(new(ConfigNames.CamelCase(key), value));
            }
        }

        private void RequireSection(string line, int n)
        {
            if (_sectionType is null)
            {
                throw new ConfigException(_file, n, null, null, null, $"Attribute outside of a section: '{line}'");
            }
        }

        private void Defer(string? attribute, string detail)
        {
            _error ??= new ConfigSectionError(attribute is null ? null : ConfigNames.CamelCase(attribute), detail);
        }

        private void CloseSection()
        {
            Sections.Add(new ConfigSection(_sectionType!, _attributes!, _sectionLine) { Error = _error });
            _sectionType = null;
            _attributes = null;
            _error = null;
        }

        private ConfigException SectionError(string? attribute, string detail)
        {
            string? name = null;
            foreach (var kv in _attributes ?? [])
            {
                if (kv.Key == "name" && kv.Value is string s)
                {
                    name = s;
                }
            }

            return new ConfigException(_file, _sectionLine, _sectionType, name, attribute, detail);
        }
    }
}
