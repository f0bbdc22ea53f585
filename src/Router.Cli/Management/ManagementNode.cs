using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Cli.Client;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Management;

/// <summary>
/// Client proxy for a management node, as R:python/skupper_router/management/client.py <c>Node</c>: builds requests
/// with application-properties in the order the Python client sends them (None values left out), checks the
/// status, and pages QUERY results 500 rows at a time.
/// </summary>
internal sealed class ManagementNode : IManagementNode, IAsyncDisposable
{
    public const string SelfName = "self";
    public const string NodeType = "org.amqp.management";
    private const int MaxCountPerRequest = 500;

    private readonly BlockingConnection _connection;
    private RequestResponseClient _client;

    private ManagementNode(BlockingConnection connection, RequestResponseClient client)
    {
        _connection = connection;
        _client = client;
    }

    /// <summary>
    /// Connects and attaches to the management address: the URL's path if it has one, else
    /// <c>_topo/0/&lt;router&gt;/$management</c>, <c>_edge/&lt;edge&gt;/$management</c> or <c>$management</c>.
    /// </summary>
    public static async Task<ManagementNode> ConnectAsync(ConnectionSettings settings, string? router, string? edgeRouter)
    {
        string path = settings.Url.Path
            ?? (!string.IsNullOrEmpty(router) ? $"_topo/0/{router}/$management"
            : !string.IsNullOrEmpty(edgeRouter) ? $"_edge/{edgeRouter}/$management"
            : "$management");
        var connection = await BlockingConnection.ConnectAsync(settings).ConfigureAwait(false);
        try
        {
            if (path.Length == 0)
            {
                // Node.__init__ indexes the empty path (Url.path setter) and fails this way.
                throw PyErrors.IndexError("string index out of range");
            }

            var client = await RequestResponseClient.CreateAsync(connection, path).ConfigureAwait(false);
            return new ManagementNode(connection, client);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Points later requests at another management node (skstat --all-routers); opens new links.</summary>
    public async Task SetClientAsync(string path)
    {
        if (path.Length > 0)
        {
            _client = await RequestResponseClient.CreateAsync(_connection, path).ConfigureAwait(false);
        }
    }

    public Task CloseAsync() => _connection.CloseAsync();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary><c>clean_dict(properties)</c>: the pairs in order, None values dropped.</summary>
    public static AmqpMap Properties(params (string Key, object? Value)[] properties)
    {
        var pairs = new List<KeyValuePair<object?, object?>>();
        foreach (var (k, v) in properties)
        {
            if (v is not null)
            {
                pairs.Add(new(k, v));
            }
        }

        return PyDict.FromPairs(pairs);
    }

    /// <summary>A request for the node itself: name=self and type=org.amqp.management first.</summary>
    public static AmqpMap NodeProperties(params (string Key, object? Value)[] properties) =>
        Properties([("name", SelfName), ("type", NodeType), .. properties]);

    /// <summary>Sends a request and checks its status; returns the response message.</summary>
    public async Task<AmqpMessage> CallAsync(AmqpMap properties, object? body, int expect = StatusText.Ok)
    {
        // Node.request: body or {} (an empty list or string body becomes {} too).
        object requestBody = Python.PyNumber.Truthy(body) ? body! : new AmqpMap();
        var response = await _client.CallAsync(new ManagementRequest(properties, requestBody)).ConfigureAwait(false);
        var app = response.ApplicationProperties ?? new AmqpMap();
        PyDict.TryGet(app, "statusCode", out var code);
        PyDict.TryGet(app, "statusDescription", out var description);
        StatusText.Check(code, description, expect);
        return response;
    }

    /// <summary>The response body as proton gives it: the amqp-value, or None.</summary>
    public static object? Body(AmqpMessage message) => message.HasValue ? message.Value : null;

    public async Task<QueryResponse> QueryAsync(string? type, IReadOnlyList<string>? attributeNames, long? count = null)
    {
        var names = new List<object?>();
        var results = new List<object?>();
        long offset = 0;
        long requestCount = count is null or 0 ? MaxCountPerRequest : Math.Min(MaxCountPerRequest, count.Value);
        while (true)
        {
            var attrList = new List<object?>();
            if (attributeNames is not null)
            {
                foreach (var a in attributeNames)
                {
                    attrList.Add(a);
                }
            }

            var body = new AmqpMap { { "attributeNames", attrList } };
            var response = await CallAsync(
                NodeProperties(("operation", "QUERY"), ("entityType", type), ("offset", offset), ("count", requestCount)),
                body).ConfigureAwait(false);
            object? value = Body(response);
            var pageNames = Subscript(value, "attributeNames");
            var pageResults = Subscript(value, "results");
            if (names.Count == 0)
            {
                names.AddRange(AsList(pageNames));
            }

            var rows = AsList(pageResults);
            results.AddRange(rows);
            if (rows.Count < requestCount)
            {
                break;
            }

            if (count is long c && c != 0)
            {
                if (c == results.Count)
                {
                    break;
                }

                if (c - results.Count < requestCount)
                {
                    requestCount = c - results.Count;
                }
            }

            offset += requestCount;
        }

        return new QueryResponse(names, results);
    }

    public async Task<object?> CreateAsync(AmqpMap attributes, string? type, string? name)
    {
        type = Or(type, attributes, "type");
        name = Or(name, attributes, "name");
        var response = await CallAsync(Properties(("operation", "CREATE"), ("type", type), ("name", name)), attributes, StatusText.Created)
            .ConfigureAwait(false);
        return Body(response);
    }

    public async Task<object?> ReadAsync(string? type, string? name, string? identity)
    {
        if (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(identity))
        {
            name = null;
        }

        var response = await CallAsync(Properties(("operation", "READ"), ("type", type), ("name", name), ("identity", identity)), null)
            .ConfigureAwait(false);
        return Body(response);
    }

    public async Task<object?> UpdateAsync(AmqpMap attributes, string? type, string? name, string? identity)
    {
        type = Or(type, attributes, "type");
        name = Or(name, attributes, "name");
        identity = Or(identity, attributes, "identity");
        if (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(identity))
        {
            name = null;
        }

        var response = await CallAsync(
            Properties(("operation", "UPDATE"), ("type", type), ("name", name), ("identity", identity)),
            CleanBooleans(attributes)).ConfigureAwait(false);
        return Body(response);
    }

    public async Task DeleteAsync(string? type, string? name, string? identity)
    {
        if (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(identity))
        {
            name = null;
        }

        await CallAsync(Properties(("operation", "DELETE"), ("type", type), ("name", name), ("identity", identity)), null, StatusText.NoContent)
            .ConfigureAwait(false);
    }

    public async Task<object?> NodeOperationAsync(string operation, string? entityType)
    {
        var response = await CallAsync(NodeProperties(("operation", operation), ("entityType", entityType)), null).ConfigureAwait(false);
        return Body(response);
    }

    public async Task<object?> GetLogAsync(long? limit)
    {
        var response = await CallAsync(NodeProperties(("operation", "GET-LOG"), ("limit", limit)), null).ConfigureAwait(false);
        return Body(response);
    }

    public async Task<object?> GetSchemaAsync()
    {
        var response = await CallAsync(NodeProperties(("operation", "GET-SCHEMA")), null).ConfigureAwait(false);
        return Body(response);
    }

    /// <summary><c>Node.clean_attrs</c>: yes/true/on and no/false/off strings become booleans (UPDATE bodies only).</summary>
    public static AmqpMap CleanBooleans(AmqpMap attributes)
    {
        var result = new AmqpMap(attributes.Count);
        foreach (var e in PyDict.Entries(attributes))
        {
            object? v = e.Value;
            if (v is string s)
            {
                v = s switch
                {
                    "yes" or "true" or "on" => true,
                    "no" or "false" or "off" => false,
                    _ => v,
                };
            }

            result.Add(e.Key, v);
        }

        return result;
    }

    /// <summary><c>value[key]</c> on a response body, with Python's errors for a missing key or a non-dict.</summary>
    public static object? Subscript(object? value, string key)
    {
        if (value is AmqpMap map)
        {
            return PyDict.TryGet(map, key, out var v) ? v : throw PyErrors.KeyError(key);
        }

        if (value is null)
        {
            throw PyErrors.TypeError("'NoneType' object is not subscriptable");
        }

        if (value is System.Collections.IList || PyNumber.TryText(value, out _))
        {
            throw PyErrors.TypeError($"{(value is System.Collections.IList ? "list" : "string")} indices must be integers or slices, not str");
        }

        throw PyErrors.TypeError($"'{PyText.TypeName(value)}' object is not subscriptable");
    }

    private static List<object?> AsList(object? value)
    {
        if (value is List<object?> list)
        {
            return list;
        }

        if (value is AmqpArray array)
        {
            return [.. array.Items];
        }

        throw PyErrors.TypeError($"can only concatenate list (not \"{PyText.TypeName(value)}\") to list");
    }

    /// <summary>Python's <c>option or attributes.get(key)</c>.</summary>
    private static string? Or(string? option, AmqpMap attributes, string key)
    {
        if (!string.IsNullOrEmpty(option))
        {
            return option;
        }

        if (!PyDict.TryGet(attributes, key, out var v) || v is null)
        {
            return null;
        }

        return PyNumber.TryText(v, out var t) ? t : PyText.Str(v);
    }
}
