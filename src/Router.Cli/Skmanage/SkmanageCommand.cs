using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.CommandLine;
using Skrouterd.Cli.Management;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Skmanage;

/// <summary>
/// skmanage's operations (R:tools/skmanage.in <c>QdManage</c>): the standard ones map to management requests and
/// print JSON as Python's <c>json.dumps(..., indent=N)</c>; any other word is sent as a custom operation.
/// </summary>
internal sealed class SkmanageCommand
{
    private static readonly string[] _operations =
    [
        "QUERY", "CREATE", "READ", "UPDATE", "DELETE", "GET-TYPES", "GET-OPERATIONS", "GET-ATTRIBUTES", "GET-ANNOTATIONS",
        "GET-MGMT-NODES", "GET-SCHEMA", "GET-LOG",
    ];

    private readonly ManagementNode _node;
    private readonly ParsedArgs _opts;
    private readonly List<string> _args;
    private readonly ArgumentParser _parser;
    private readonly TextWriter _out;
    private readonly TextReader _in;
    private readonly string? _type;
    private readonly int? _indent;

    public SkmanageCommand(ManagementNode node, ParsedArgs opts, List<string> args, ArgumentParser parser, TextWriter output, TextReader input)
    {
        _node = node;
        _opts = opts;
        _args = args;
        _parser = parser;
        _out = output;
        _in = input;
        _type = AttributeArgs.LongType(opts.GetString("type"));
        long indent = opts.GetInt("indent") ?? SkmanageOptions.DefaultIndent;
        _indent = indent == -1 ? null : (int)Math.Clamp(indent, int.MinValue, int.MaxValue);
    }

    private string? Name => _opts.GetString("name");

    private string? Identity => _opts.GetString("identity");

    /// <summary>The built-in method for an operation word, or null for a custom operation.</summary>
    public static string? BuiltIn(string operation)
    {
        string method = operation.ToLowerInvariant().Replace('-', '_');
        bool known = _operations.Contains(operation.ToUpperInvariant());
        return known && method is "query" or "create" or "read" or "update" or "delete" or "get_types" or "get_operations"
            or "get_attributes" or "get_annotations" or "get_mgmt_nodes"
            ? method
            : null;
    }

    public async Task RunAsync(string operation)
    {
        switch (BuiltIn(operation))
        {
            case "query":
                await QueryAsync().ConfigureAwait(false);
                break;
            case "create":
                await BulkAsync(attrs => _node.CreateAsync(attrs, _type, Name)).ConfigureAwait(false);
                break;
            case "read":
                CheckArgs(0);
                PrintJson(EntityAttributes(await _node.ReadAsync(_type, Name, Identity).ConfigureAwait(false)));
                break;
            case "update":
                await BulkAsync(attrs => _node.UpdateAsync(attrs, _type, Name, Identity)).ConfigureAwait(false);
                break;
            case "delete":
                CheckArgs(0);
                await _node.DeleteAsync(_type, Name, Identity).ConfigureAwait(false);
                break;
            case "get_types":
                await NodeOperationAsync("GET-TYPES").ConfigureAwait(false);
                break;
            case "get_operations":
                await NodeOperationAsync("GET-OPERATIONS").ConfigureAwait(false);
                break;
            case "get_attributes":
                await NodeOperationAsync("GET-ATTRIBUTES").ConfigureAwait(false);
                break;
            case "get_annotations":
                await NodeOperationAsync("GET-ANNOTATIONS").ConfigureAwait(false);
                break;
            case "get_mgmt_nodes":
                CheckArgs(0);
                PrintJson(await _node.NodeOperationAsync("GET-MGMT-NODES", null).ConfigureAwait(false));
                break;
            default:
                await CustomOperationAsync(operation).ConfigureAwait(false);
                break;
        }
    }

    private async Task QueryAsync()
    {
        var names = _args.Count > 0 ? _args : null;
        var result = await _node.QueryAsync(_type, names).ConfigureAwait(false);
        PrintJson(result.GetDicts(clean: true).Cast<object?>().ToList());
    }

    /// <summary>get-types/-operations/-attributes/-annotations: the type from --type or the one argument (used as given).</summary>
    private async Task NodeOperationAsync(string operation)
    {
        string? type = _type;
        if (string.IsNullOrEmpty(type))
        {
            CheckArgs(1);
            type = _args.Count > 0 ? _args[0] : null;
        }

        PrintJson(await _node.NodeOperationAsync(operation, type).ConfigureAwait(false));
    }

    /// <summary>
    /// create/update: attributes from ATTR=VALUE words, or with --stdin a JSON map (one call) or list of maps (one
    /// call each, printed as a list). A type attribute is expanded like --type.
    /// </summary>
    private async Task BulkAsync(Func<AmqpMap, Task<object?>> call)
    {
        AmqpMap? fromArgs = _args.Count > 0 ? AttributeArgs.ToMap(_args, _type) : null;
        if (_opts.GetFlag("stdin"))
        {
            object? data = PyJsonReader.Loads(await _in.ReadToEndAsync().ConfigureAwait(false));
            if (data is AmqpMap map)
            {
                PrintJson(EntityAttributes(await call(ExpandType(map)).ConfigureAwait(false)));
            }
            else if (data is List<object?> or string)
            {
                var results = new List<object?>();
                foreach (var item in SkstatIterate(data))
                {
                    if (item is not AmqpMap attrs)
                    {
                        throw PyErrors.AttributeError($"'{PyText.TypeName(item)}' object has no attribute 'get'");
                    }

                    results.Add(EntityAttributes(await call(ExpandType(attrs)).ConfigureAwait(false)));
                }

                PrintJson(results);
            }
            else
            {
                throw PyErrors.ValueError("stdin is not a JSON map or list");
            }

            return;
        }

        if (fromArgs is null)
        {
            throw PyErrors.AttributeError("'Namespace' object has no attribute 'attributes'");
        }

        PrintJson(EntityAttributes(await call(ExpandType(fromArgs)).ConfigureAwait(false)));
    }

    private static IEnumerable<object?> SkstatIterate(object? data) => Skstat.SkstatCommand.Iterate(data);

    private static AmqpMap ExpandType(AmqpMap attributes)
    {
        if (PyDict.TryGet(attributes, "type", out var t) && PyNumber.Truthy(t) && PyNumber.TryText(t, out var text))
        {
            return PyDict.With(attributes, "type", AttributeArgs.LongType(text));
        }

        return attributes;
    }

    /// <summary>A custom operation: ATTR=VALUE words and --properties as application-properties, --body as the body.</summary>
    private async Task CustomOperationAsync(string operation)
    {
        var properties = AttributeArgs.ToMap(_args, _type);
        if (_opts.GetString("properties") is { Length: > 0 } json)
        {
            foreach (var (key, value) in UpdatePairs(JsonArg(json)))
            {
                // They become keyword arguments of call_node.
                properties = key is string ? PyDict.With(properties, key, value) : throw PyErrors.TypeError("keywords must be strings");
            }
        }

        object? body = _opts.GetString("body") is { Length: > 0 } bodyJson ? JsonArg(bodyJson) : null;
        foreach (var reserved in (string[])["operation", "body"])
        {
            if (PyDict.TryGet(properties, reserved, out _))
            {
                throw PyErrors.TypeError($"call_node() got multiple values for keyword argument '{reserved}'");
            }
        }

        // kwargs order: operation, the properties, then type/name/identity from the options (overriding same-named
        // properties in place); None values are dropped.
        var ordered = new List<KeyValuePair<object?, object?>> { new("operation", operation) };
        ordered.AddRange(PyDict.Entries(properties));
        var kwargs = PyDict.FromPairs(ordered);
        kwargs = PyDict.With(kwargs, "type", _type);
        kwargs = PyDict.With(kwargs, "name", Name);
        kwargs = PyDict.With(kwargs, "identity", Identity);
        var clean = new AmqpMap();
        foreach (var e in PyDict.Entries(kwargs))
        {
            if (e.Value is not null)
            {
                clean.Add(e.Key, e.Value);
            }
        }

        var response = await _node.CallAsync(clean, body).ConfigureAwait(false);
        PrintResult(ManagementNode.Body(response));
    }

    /// <summary>
    /// The pairs Python's <c>dict.update(value)</c> takes from a JSON value: a map's entries, or else each element of
    /// an iterable (list, string; a map element iterates its keys) as a key/value pair of exactly two items.
    /// </summary>
    private static List<(object? Key, object? Value)> UpdatePairs(object? value)
    {
        if (value is AmqpMap map)
        {
            return [.. PyDict.Entries(map).Select(e => (e.Key, e.Value))];
        }

        var pairs = new List<(object? Key, object? Value)>();
        var elements = Iterate(value) ?? throw PyErrors.TypeError($"'{PyText.TypeName(value)}' object is not iterable");
        for (int i = 0; i < elements.Count; i++)
        {
            var items = Iterate(elements[i])
                ?? throw PyErrors.TypeError($"cannot convert dictionary update sequence element #{i} to a sequence");
            if (items.Count != 2)
            {
                throw PyErrors.ValueError($"dictionary update sequence element #{i} has length {items.Count}; 2 is required");
            }

            if (items[0] is AmqpMap or System.Collections.IList)
            {
                throw PyErrors.TypeError($"unhashable type: '{PyText.TypeName(items[0])}'");
            }

            pairs.Add((items[0], items[1]));
        }

        return pairs;
    }

    /// <summary>What iterating a JSON value yields in Python (null when it is not iterable).</summary>
    private static List<object?>? Iterate(object? value) => value switch
    {
        string s => [.. s.EnumerateRunes().Select(r => (object?)r.ToString())],
        AmqpMap m => [.. PyDict.Entries(m).Select(e => e.Key)],
        System.Collections.IList list => [.. list.Cast<object?>()],
        _ => null,
    };

    /// <summary>skmanage's json_arg: JSON, or the text itself when it does not look like JSON.</summary>
    private static object? JsonArg(string value)
    {
        try
        {
            return PyJsonReader.Loads(value);
        }
        catch (PyException e) when (e.ClassName == "JSONDecodeError")
        {
            if (value.IndexOfAny(['"', '{', '}', '[', ']']) < 0)
            {
                return value;
            }

            throw PyErrors.ValueError($"Invalid JSON '{value}': {e.Message}");
        }
    }

    /// <summary>command.py check_args: more words than allowed is a usage error (exit 2).</summary>
    private void CheckArgs(int max)
    {
        if (_args.Count > max)
        {
            throw _parser.Error("Unexpected arguments: " + string.Join(' ', _args.Skip(max)));
        }
    }

    /// <summary><c>Entity(node, body).attributes</c>: the body's entries as a dict.</summary>
    private static AmqpMap EntityAttributes(object? body)
    {
        if (!PyNumber.Truthy(body))
        {
            return new AmqpMap();
        }

        if (body is AmqpMap map)
        {
            return PyDict.FromPairs(PyDict.Entries(map));
        }

        throw PyErrors.AttributeError($"'{PyText.TypeName(body)}' object has no attribute 'items'");
    }

    private void PrintJson(object? data) => _out.Write(PyJsonWriter.Dumps(data, _indent) + "\n");

    /// <summary>Nothing for an empty result, a string as is, anything else as JSON.</summary>
    private void PrintResult(object? result)
    {
        if (!PyNumber.Truthy(result))
        {
            return;
        }

        if (PyNumber.TryText(result, out var text) && result is string or AmqpSymbol)
        {
            _out.Write(text + "\n");
            return;
        }

        PrintJson(result);
    }
}
