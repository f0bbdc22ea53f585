using Microsoft.Extensions.Logging;
using Skrouterd.Management.Schema;

namespace Skrouterd.Management;

/// <summary>Which agent answers a request, and how failures become error replies.</summary>
internal sealed partial class ManagementAgent
{
    /// <summary>
    /// Processes a request and returns the reply, or null when none is due (a request the Python agent would handle
    /// but that has no reply-to is dropped unprocessed, as agent.py does). Runs on the agent's loop; tests may call it
    /// directly on an agent that is not active.
    /// </summary>
    public ManagementResponse? Handle(ManagementRequest request, long requester = 0)
    {
        string? operation = request.Operation;
        string? coreType = CoreType(request, operation);
        if (coreType is null && request.ReplyTo is null)
        {
            return null;
        }

        var style = coreType is null ? ValueStyle.Python : ValueStyle.Core;
        try
        {
            return coreType is not null
                ? Core.Handle(request, coreType, operation!.ToUpperInvariant(), requester)
                : Python.Handle(request);
        }
        catch (ManagementException e)
        {
            AgentLog.OperationFailed(Context.AgentLog, operation, e.Description);
            return ManagementResponse.Error(e.Status, e.Description, style);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string description = $"{e.GetType().Name}: {e.Message}";
            AgentLog.Unexpected(Context.AgentLog, e);
            AgentLog.OperationFailed(Context.AgentLog, operation, description);
            return ManagementResponse.Error(ManagementStatus.InternalServerError, description, style);
        }
    }

    /// <summary>
    /// The C core agent's type when it answers the request: <c>entityType</c> (else <c>type</c>) names one of its
    /// types and the operation is QUERY, CREATE, READ, UPDATE or DELETE. Unlike the C router, short type names and
    /// any spelling of the operation count too, so they reach the entities rather than the Python agent's empty view.
    /// </summary>
    private string? CoreType(ManagementRequest request, string? operation)
    {
        if (operation is null || !s_coreOperations.Contains(operation.ToUpperInvariant()))
        {
            return null;
        }

        string? typeName = request.EntityType ?? request.Type;
        if (typeName is null || RouterSchema.Find(typeName) is not { } type)
        {
            return null;
        }

        return Core.Handles(type.FullyQualifiedName) ? type.FullyQualifiedName : null;
    }
}
