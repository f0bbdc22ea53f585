using Microsoft.Extensions.Logging;

namespace Skrouterd.Amqp.Transport;

internal sealed partial class AmqpConnection
{
    /// <summary>Log messages of AMQP connections (ROUTER_CORE lifecycle, SERVER errors, PROTOCOL frame trace).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 100, EventName = "ConnectionOpened", Level = LogLevel.Information,
            Message = "[C{ConnectionId}] Connection Opened: dir={Direction} host={Host} encrypted={Encrypted} auth={Auth} user={User} container_id={Container} props={Props}")]
        public static partial void ConnectionOpenedFull(ILogger logger, long connectionId, string direction, string host, string encrypted, string auth, string user, string container, string props);

        [LoggerMessage(EventId = 101, EventName = "ConnectionClosed", Level = LogLevel.Information,
            Message = "[C{ConnectionId}] Connection Closed")]
        public static partial void ConnectionClosedInfo(ILogger logger, long connectionId);

        [LoggerMessage(EventId = 102, EventName = "ConnectionStarted", Level = LogLevel.Debug,
            Message = "[C{ConnectionId}] Connection started: dir={Direction} host={Host}")]
        public static partial void ConnectionOpened(ILogger logger, long connectionId, string direction, string host);

        [LoggerMessage(EventId = 103, EventName = "ConnectionEnded", Level = LogLevel.Debug,
            Message = "[C{ConnectionId}] Connection ended: {Reason}")]
        public static partial void ConnectionClosed(ILogger logger, long connectionId, string reason);

        [LoggerMessage(EventId = 104, EventName = "ProtocolError", Level = LogLevel.Error,
            Message = "[C{ConnectionId}] Connection closed with error: {Condition} {Description}")]
        public static partial void ProtocolError(ILogger logger, long connectionId, string condition, string description);

        [LoggerMessage(EventId = 105, EventName = "TransportError", Level = LogLevel.Debug,
            Message = "[C{ConnectionId}] Transport error: {Message}")]
        public static partial void TransportError(ILogger logger, long connectionId, string message);

        [LoggerMessage(EventId = 106, EventName = "IdleTimeout", Level = LogLevel.Information,
            Message = "[C{ConnectionId}] Connection closed: local-idle-timeout expired")]
        public static partial void IdleTimeout(ILogger logger, long connectionId);

        [LoggerMessage(EventId = 107, EventName = "FrameSent", Level = LogLevel.Debug,
            Message = "[C{ConnectionId}] <- [{Channel}] {Performative}")]
        public static partial void FrameSent(ILogger logger, long connectionId, ushort channel, string performative);

        [LoggerMessage(EventId = 108, EventName = "FrameReceived", Level = LogLevel.Debug,
            Message = "[C{ConnectionId}] -> [{Channel}] {Performative}")]
        public static partial void FrameReceived(ILogger logger, long connectionId, ushort channel, string performative);

        [LoggerMessage(EventId = 109, EventName = "LinkAttached", Level = LogLevel.Debug,
            Message = "[C{ConnectionId}][L{LinkId}] Link attached: dir={Direction} source={Source} target={Target}")]
        public static partial void LinkAttached(ILogger logger, long connectionId, long linkId, string direction, string source, string target);

        [LoggerMessage(EventId = 110, EventName = "LinkDetached", Level = LogLevel.Debug,
            Message = "[C{ConnectionId}][L{LinkId}] Link detached: {Reason}")]
        public static partial void LinkDetached(ILogger logger, long connectionId, long linkId, string reason);

        [LoggerMessage(EventId = 111, EventName = "SendFailed", Level = LogLevel.Debug,
            Message = "[C{ConnectionId}] Send failed: {Message}")]
        public static partial void SendFailed(ILogger logger, long connectionId, string message);

        [LoggerMessage(EventId = 112, EventName = "HandshakeTimeout", Level = LogLevel.Information,
            Message = "[C{ConnectionId}] Connection closed: Timeout waiting for initial handshake")]
        public static partial void HandshakeTimeout(ILogger logger, long connectionId);
    }
}
