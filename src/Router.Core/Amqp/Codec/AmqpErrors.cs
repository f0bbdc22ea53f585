namespace Skrouterd.Amqp.Codec;

/// <summary>AMQP error condition symbols (transport.xml amqp-error, connection-error, session-error, link-error).</summary>
public static class AmqpErrors
{
    public const string InternalError = "amqp:internal-error";
    public const string NotFound = "amqp:not-found";
    public const string UnauthorizedAccess = "amqp:unauthorized-access";
    public const string DecodeError = "amqp:decode-error";
    public const string ResourceLimitExceeded = "amqp:resource-limit-exceeded";
    public const string NotAllowed = "amqp:not-allowed";
    public const string InvalidField = "amqp:invalid-field";
    public const string NotImplemented = "amqp:not-implemented";
    public const string ResourceLocked = "amqp:resource-locked";
    public const string PreconditionFailed = "amqp:precondition-failed";
    public const string ResourceDeleted = "amqp:resource-deleted";
    public const string IllegalState = "amqp:illegal-state";
    public const string FrameSizeTooSmall = "amqp:frame-size-too-small";

    public const string ConnectionForced = "amqp:connection:forced";
    public const string FramingError = "amqp:connection:framing-error";
    public const string ConnectionRedirect = "amqp:connection:redirect";

    public const string WindowViolation = "amqp:session:window-violation";
    public const string ErrantLink = "amqp:session:errant-link";
    public const string HandleInUse = "amqp:session:handle-in-use";
    public const string UnattachedHandle = "amqp:session:unattached-handle";

    public const string DetachForced = "amqp:link:detach-forced";
    public const string TransferLimitExceeded = "amqp:link:transfer-limit-exceeded";
    public const string MessageSizeExceeded = "amqp:link:message-size-exceeded";
    public const string LinkRedirect = "amqp:link:redirect";
    public const string Stolen = "amqp:link:stolen";
}
