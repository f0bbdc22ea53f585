using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management;

/// <summary>
/// A decoded management request (management-and-deployment.md §2.2): the reply address, the correlation-id exactly
/// as encoded, the application-properties and the amqp-value body.
/// </summary>
internal sealed class ManagementRequest
{
    private static readonly AmqpMap s_empty = new();

    /// <summary>properties.reply-to; null when absent (then no reply is sent).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>properties.correlation-id as encoded on the wire (copied verbatim into the reply), or null.</summary>
    public byte[]? CorrelationIdRaw { get; init; }

    /// <summary>application-properties (string keys); empty when absent.</summary>
    public AmqpMap Properties { get; init; } = s_empty;

    /// <summary>True when the application-properties section was present and a map.</summary>
    public bool HasProperties { get; init; }

    /// <summary>The amqp-value body (map for CREATE/UPDATE/QUERY); null when absent.</summary>
    public object? Body { get; init; }

    public bool HasBody { get; init; }

    /// <summary>The body as a map, or an empty map when it is absent or not a map.</summary>
    public AmqpMap BodyMap => Body as AmqpMap ?? s_empty;

    /// <summary>The <c>operation</c> property as text, or null.</summary>
    public string? Operation => Text("operation");

    public string? Type => Text("type");

    public string? EntityType => Text("entityType");

    public string? Name => Text("name");

    public string? Identity => Text("identity");

    /// <summary>True when the property is present (even with a null value).</summary>
    public bool Has(string key) => Properties.TryGetText(key, out _);

    public object? Get(string key) => Properties.TryGetText(key, out var v) ? v : null;

    /// <summary>A property's value as text (strings and symbols; other scalars in their text form).</summary>
    public string? Text(string key) => Get(key) switch
    {
        null => null,
        string s => s,
        AmqpSymbol y => y.Value,
        var v => Schema.AttributeCoercion.ToText(v),
    };

    /// <summary>An integer property (<c>offset</c>, <c>count</c>, <c>limit</c>, <c>indent</c>), or null when absent or not numeric.</summary>
    public long? Integer(string key) => Get(key) is { } v ? Schema.AttributeCoercion.ToInteger(v) : null;
}
