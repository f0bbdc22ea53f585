namespace Skrouterd.Cli.Management;

/// <summary>The management requests skstat makes (implemented over AMQP by <see cref="ManagementNode"/>).</summary>
internal interface IManagementNode
{
    Task<QueryResponse> QueryAsync(string? type, IReadOnlyList<string>? attributeNames, long? count = null);

    /// <summary>A node-level operation (GET-MGMT-NODES, GET-TYPES, ...) with an optional entityType; returns the body.</summary>
    Task<object?> NodeOperationAsync(string operation, string? entityType);

    Task<object?> GetLogAsync(long? limit);

    Task<object?> GetSchemaAsync();

    /// <summary>Sends later requests to another management address (an empty path changes nothing).</summary>
    Task SetClientAsync(string path);
}
