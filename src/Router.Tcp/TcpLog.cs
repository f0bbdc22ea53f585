using Microsoft.Extensions.Logging;

namespace Skrouterd.Tcp;

/// <summary>TCP_ADAPTOR log messages.</summary>
internal static partial class TcpLog
{
    [LoggerMessage(EventId = 400, EventName = "Configured", Level = LogLevel.Information, Message = "Configured {What} (legacy encap) for {Address}, {HostPort}")]
    public static partial void Configured(this ILogger logger, string what, string address, string hostPort);

    [LoggerMessage(EventId = 401, EventName = "Deleted", Level = LogLevel.Information, Message = "Deleted TCP adaptor configuration '{Name}' for address {Address}, {HostPort}, siteId {SiteId}.")]
    public static partial void Deleted(this ILogger logger, string name, string address, string hostPort, string siteId);

    [LoggerMessage(EventId = 402, EventName = "Listening", Level = LogLevel.Information, Message = "Listener {Name}: listening for client connections on {HostPort} with backlog {Backlog}")]
    public static partial void Listening(this ILogger logger, string name, string hostPort, int backlog);

    [LoggerMessage(EventId = 403, EventName = "StoppedListening", Level = LogLevel.Information, Message = "Listener {Name}: stopped listening for client connections on {HostPort}")]
    public static partial void StoppedListening(this ILogger logger, string name, string hostPort);

    [LoggerMessage(EventId = 404, EventName = "ListenFailed", Level = LogLevel.Error, Message = "Listener {Name}: unable to listen on {HostPort}: {Error}")]
    public static partial void ListenFailed(this ILogger logger, string name, string hostPort, string error);

    [LoggerMessage(EventId = 405, EventName = "Accepted", Level = LogLevel.Debug, Message = "{Connection} Listener ingress accepted to {HostPort} from {Remote} (global_id={GlobalId})")]
    public static partial void Accepted(this ILogger logger, string connection, string hostPort, string remote, string globalId);

    [LoggerMessage(EventId = 406, EventName = "NoService", Level = LogLevel.Debug, Message = "{Connection} no consumer for address {Address}: closing the client connection")]
    public static partial void NoService(this ILogger logger, string connection, string address);

    [LoggerMessage(EventId = 407, EventName = "ConnectFailed", Level = LogLevel.Error, Message = "{Connection} Connection to {HostPort} failed: {Error}")]
    public static partial void ConnectFailed(this ILogger logger, string connection, string hostPort, string error);

    [LoggerMessage(EventId = 408, EventName = "WrongEncapsulation", Level = LogLevel.Error, Message = "{Connection} Misconfigured {What} (wrong encapsulation)")]
    public static partial void WrongEncapsulation(this ILogger logger, string connection, string what);

    [LoggerMessage(EventId = 409, EventName = "MalformedMessage", Level = LogLevel.Error, Message = "{Connection} {Description}")]
    public static partial void MalformedMessage(this ILogger logger, string connection, string description);

    [LoggerMessage(EventId = 410, EventName = "InvalidBody", Level = LogLevel.Error, Message = "{Connection} Invalid body data for streaming message")]
    public static partial void InvalidBody(this ILogger logger, string connection);

    [LoggerMessage(EventId = 411, EventName = "StreamRefused", Level = LogLevel.Debug, Message = "{Connection} stream refused by the far side ({State}): closing")]
    public static partial void StreamRefused(this ILogger logger, string connection, string state);

    [LoggerMessage(EventId = 412, EventName = "TlsFailed", Level = LogLevel.Error, Message = "{Connection} TLS handshake failed: {Error}")]
    public static partial void TlsFailed(this ILogger logger, string connection, string error);

    [LoggerMessage(EventId = 413, EventName = "FlowEnded", Level = LogLevel.Debug, Message = "{Connection} flow ended: in={BytesIn} out={BytesOut}")]
    public static partial void FlowEnded(this ILogger logger, string connection, long bytesIn, long bytesOut);

    [LoggerMessage(EventId = 414, EventName = "FlowFailed", Level = LogLevel.Error, Message = "{Connection} flow failed unexpectedly")]
    public static partial void FlowFailed(this ILogger logger, string connection, Exception exception);
}
