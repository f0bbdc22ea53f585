using Microsoft.Extensions.Logging;

namespace Skrouterd.Management;

/// <summary>Log messages of the management agent (modules AGENT and CONN_MGR), worded as the C router's.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 400, EventName = "Activating", Level = LogLevel.Information, Message = "Activating management agent on {Address}")]
    public static partial void Activating(ILogger logger, string address);

    [LoggerMessage(EventId = 401, EventName = "OperationFailed", Level = LogLevel.Error, Message = "Error performing {Operation}: {Description}")]
    public static partial void OperationFailed(ILogger logger, string? operation, string description);

    [LoggerMessage(EventId = 402, EventName = "CoreOperationFailed", Level = LogLevel.Error, Message = "Error performing {Operation} of {Type}: {Description}")]
    public static partial void CoreOperationFailed(ILogger logger, string operation, string type, string description);

    [LoggerMessage(EventId = 403, EventName = "ConnectionForceClosed", Level = LogLevel.Information, Message = "[C{ConnectionId}] Connection force-closed by request from connection [C{RequesterId}]")]
    public static partial void ConnectionForceClosed(ILogger logger, long connectionId, long requesterId);

    [LoggerMessage(EventId = 404, EventName = "BadRequestMessage", Level = LogLevel.Error, Message = "Dropped an undecodable management request: {Reason}")]
    public static partial void BadRequestMessage(ILogger logger, string reason);

    [LoggerMessage(EventId = 405, EventName = "ReplyUnroutable", Level = LogLevel.Debug, Message = "No route for the management reply to {ReplyTo}")]
    public static partial void ReplyUnroutable(ILogger logger, string replyTo);

    [LoggerMessage(EventId = 406, EventName = "Overloaded", Level = LogLevel.Critical, Message = "Management request queue is full: released a request")]
    public static partial void Overloaded(ILogger logger);

    [LoggerMessage(EventId = 407, EventName = "AddressCreated", Level = LogLevel.Information, Message = "Created address with {Kind}={Pattern} and distribution={Distribution}")]
    public static partial void AddressCreated(ILogger logger, string kind, string pattern, string distribution);

    [LoggerMessage(EventId = 408, EventName = "AddressDeleted", Level = LogLevel.Information, Message = "Deleted address with {Kind}={Pattern} and distribution={Distribution}")]
    public static partial void AddressDeleted(ILogger logger, string kind, string pattern, string distribution);

    [LoggerMessage(EventId = 409, EventName = "AutoLinkConfigured", Level = LogLevel.Information, Message = "Configured autolink with address={Address}, direction={Direction} and {Kind}={Target}")]
    public static partial void AutoLinkConfigured(ILogger logger, string address, string direction, string kind, string? target);

    [LoggerMessage(EventId = 410, EventName = "Configured", Level = LogLevel.Information, Message = "{Action} {What}: {HostPort} proto=any, role={Role}{Extra}")]
    public static partial void ListenerOrConnector(ILogger logger, string action, string what, string hostPort, string role, string extra);

    [LoggerMessage(EventId = 411, EventName = "SslProfileCreated", Level = LogLevel.Information, Message = "Created SSL Profile with name {Name} ")]
    public static partial void SslProfileCreated(ILogger logger, string name);

    [LoggerMessage(EventId = 412, EventName = "SslProfileDeleted", Level = LogLevel.Information, Message = "Deleted SSL Profile with name {Name}")]
    public static partial void SslProfileDeleted(ILogger logger, string name);

    [LoggerMessage(EventId = 413, EventName = "UnexpectedError", Level = LogLevel.Error, Message = "Management request failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, Exception exception);

    /// <summary>server.c PN_LISTENER_CLOSE with a condition (module SERVER): proton's "&lt;error&gt; - listen on &lt;host:port&gt;".</summary>
    [LoggerMessage(EventId = 414, EventName = "ListenerError", Level = LogLevel.Error, Message = "Listener error on {HostPort}: {Reason} - listen on {HostPort} (proton:io)")]
    public static partial void ListenerError(ILogger logger, string hostPort, string reason);

    [LoggerMessage(EventId = 415, EventName = "AdaptorRefused", Level = LogLevel.Error, Message = "Invalid {Type} configuration: {Reason}")]
    public static partial void AdaptorRefused(ILogger logger, string type, string reason);
}
