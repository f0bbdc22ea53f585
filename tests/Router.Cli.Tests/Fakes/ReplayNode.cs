using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Cli.Management;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>
/// A management node that answers each request with the next captured reply, for testing skstat's displays
/// without a socket. Records the requests made (operation, entity type, attribute names).
/// </summary>
internal sealed class ReplayNode : IManagementNode
{
    private readonly Queue<AmqpMessage> _replies;

    public ReplayNode(IEnumerable<AmqpMessage> replies) => _replies = new Queue<AmqpMessage>(replies);

    public List<string> Calls { get; } = [];

    public Task<QueryResponse> QueryAsync(string? type, IReadOnlyList<string>? attributeNames, long? count = null)
    {
        Calls.Add($"QUERY {type} [{string.Join(",", attributeNames ?? [])}]");
        var body = (AmqpMap)Next().Value!;
        var names = (List<object?>)body["attributeNames"]!;
        var results = (List<object?>)body["results"]!;
        return Task.FromResult(new QueryResponse([.. names], [.. results]));
    }

    public Task<object?> NodeOperationAsync(string operation, string? entityType)
    {
        Calls.Add($"{operation} {entityType}".TrimEnd());
        return Task.FromResult(Next().Value);
    }

    public Task<object?> GetLogAsync(long? limit)
    {
        Calls.Add("GET-LOG");
        return Task.FromResult(Next().Value);
    }

    public Task<object?> GetSchemaAsync()
    {
        Calls.Add("GET-SCHEMA");
        return Task.FromResult(Next().Value);
    }

    public Task SetClientAsync(string path)
    {
        Calls.Add("SET " + path);
        return Task.CompletedTask;
    }

    private AmqpMessage Next()
    {
        var reply = _replies.Dequeue();
        var app = reply.ApplicationProperties!;
        StatusText.Check(app["statusCode"], app["statusDescription"], StatusText.Ok);
        return reply;
    }
}
