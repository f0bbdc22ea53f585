namespace Skrouterd.Amqp.Codec;

/// <summary>
/// Numeric descriptors of the AMQP 1.0 composite types (all in the amqp domain 0x00000000), and their symbolic names.
/// Source: shared/spec/amqp-1.0/{transport,messaging,security,transactions}.xml.
/// </summary>
public static class Descriptors
{
    public const ulong Open = 0x10, Begin = 0x11, Attach = 0x12, Flow = 0x13, Transfer = 0x14, Disposition = 0x15,
        Detach = 0x16, End = 0x17, Close = 0x18, Error = 0x1d;

    public const ulong Received = 0x23, Accepted = 0x24, Rejected = 0x25, Released = 0x26, Modified = 0x27,
        Source = 0x28, Target = 0x29, DeleteOnClose = 0x2b, DeleteOnNoLinks = 0x2c, DeleteOnNoMessages = 0x2d,
        DeleteOnNoLinksOrMessages = 0x2e;

    public const ulong Coordinator = 0x30, Declare = 0x31, Discharge = 0x32, Declared = 0x33, TransactionalState = 0x34;

    public const ulong SaslMechanisms = 0x40, SaslInit = 0x41, SaslChallenge = 0x42, SaslResponse = 0x43, SaslOutcome = 0x44;

    public const ulong Header = 0x70, DeliveryAnnotations = 0x71, MessageAnnotations = 0x72, Properties = 0x73,
        ApplicationProperties = 0x74, Data = 0x75, AmqpSequence = 0x76, AmqpValue = 0x77, Footer = 0x78;

    /// <summary>The router-annotations section of skupper-router ("SKPR--RA"), always sent as a full ulong.</summary>
    public const ulong RouterAnnotations = 0x534B50522D2D5241;

    private static readonly Dictionary<string, ulong> s_byName = new(StringComparer.Ordinal)
    {
        ["amqp:open:list"] = Open,
        ["amqp:begin:list"] = Begin,
        ["amqp:attach:list"] = Attach,
        ["amqp:flow:list"] = Flow,
        ["amqp:transfer:list"] = Transfer,
        ["amqp:disposition:list"] = Disposition,
        ["amqp:detach:list"] = Detach,
        ["amqp:end:list"] = End,
        ["amqp:close:list"] = Close,
        ["amqp:error:list"] = Error,
        ["amqp:received:list"] = Received,
        ["amqp:accepted:list"] = Accepted,
        ["amqp:rejected:list"] = Rejected,
        ["amqp:released:list"] = Released,
        ["amqp:modified:list"] = Modified,
        ["amqp:source:list"] = Source,
        ["amqp:target:list"] = Target,
        ["amqp:delete-on-close:list"] = DeleteOnClose,
        ["amqp:delete-on-no-links:list"] = DeleteOnNoLinks,
        ["amqp:delete-on-no-messages:list"] = DeleteOnNoMessages,
        ["amqp:delete-on-no-links-or-messages:list"] = DeleteOnNoLinksOrMessages,
        ["amqp:coordinator:list"] = Coordinator,
        ["amqp:declare:list"] = Declare,
        ["amqp:discharge:list"] = Discharge,
        ["amqp:declared:list"] = Declared,
        ["amqp:transactional-state:list"] = TransactionalState,
        ["amqp:sasl-mechanisms:list"] = SaslMechanisms,
        ["amqp:sasl-init:list"] = SaslInit,
        ["amqp:sasl-challenge:list"] = SaslChallenge,
        ["amqp:sasl-response:list"] = SaslResponse,
        ["amqp:sasl-outcome:list"] = SaslOutcome,
        ["amqp:header:list"] = Header,
        ["amqp:delivery-annotations:map"] = DeliveryAnnotations,
        ["amqp:message-annotations:map"] = MessageAnnotations,
        ["amqp:properties:list"] = Properties,
        ["amqp:application-properties:map"] = ApplicationProperties,
        ["amqp:data:binary"] = Data,
        ["amqp:amqp-sequence:list"] = AmqpSequence,
        ["amqp:amqp-value:*"] = AmqpValue,
        ["amqp:footer:map"] = Footer,
    };

    private static readonly Dictionary<ulong, string> s_byCode = s_byName.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Maps a symbolic descriptor given as ASCII bytes to its numeric code.</summary>
    public static bool TryGetCode(ReadOnlySpan<byte> symbol, out ulong code)
    {
        Span<char> chars = stackalloc char[64];
        if (symbol.Length > chars.Length)
        {
            code = 0;
            return false;
        }

        for (int i = 0; i < symbol.Length; i++)
        {
            chars[i] = (char)symbol[i];
        }

        return s_byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..symbol.Length], out code);
    }

    public static bool TryGetName(ulong code, out string name) => s_byCode.TryGetValue(code, out name!);
}
