using Microsoft.Extensions.Logging;

namespace Skrouterd.Tests.Logging;

/// <summary>[LoggerMessage] methods as router code writes them.</summary>
internal static partial class SampleLog
{
    [LoggerMessage(EventId = 101, EventName = "ListeningOn", Level = LogLevel.Information, Message = "Listening on {HostPort}")]
    public static partial void ListeningOn(ILogger logger, string hostPort);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "[C{ConnectionId}] frame")]
    public static partial void Frame(ILogger logger, ulong connectionId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Trace, Message = "[C{ConnectionId}] trace")]
    public static partial void TraceFrame(ILogger logger, ulong connectionId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Unexpected failure")]
    public static partial void Unexpected(ILogger logger, Exception exception);
}
