using Microsoft.Extensions.Logging;

namespace Skrouterd.Server.Http;

/// <summary>Log lines of the HTTP listeners (module HTTP, with the C router's wording where it has one).</summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 600, EventName = "HttpListening", Level = LogLevel.Information, Message = "Listening for HTTP on {HostPort}")]
    public static partial void Listening(ILogger logger, string hostPort);

    [LoggerMessage(EventId = 601, EventName = "HttpListeningEphemeral", Level = LogLevel.Information, Message = "Listening for HTTP on {HostPort} ({Name})")]
    public static partial void ListeningEphemeral(ILogger logger, string hostPort, string name);

    [LoggerMessage(EventId = 602, EventName = "HttpStoppedListening", Level = LogLevel.Information, Message = "Stopped listening for HTTP on {HostPort}")]
    public static partial void StoppedListening(ILogger logger, string hostPort);

    [LoggerMessage(EventId = 603, EventName = "HttpBadRequest", Level = LogLevel.Warning, Message = "Bad HTTP request from {Remote}: {Reason}")]
    public static partial void BadRequest(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 604, EventName = "HttpTlsFailed", Level = LogLevel.Warning, Message = "HTTP connection from {Remote} failed: {Reason}")]
    public static partial void TlsFailed(ILogger logger, string remote, string reason);
}
