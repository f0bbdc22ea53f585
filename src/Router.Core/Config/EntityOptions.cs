using Skrouterd.Amqp.Codec;
using Skrouterd.Management.Schema;
using Skrouterd.Routing;
using Skrouterd.Server;

namespace Skrouterd.Config;

/// <summary>Turns validated entity attributes (from a file or a management CREATE) into the server's option records.</summary>
internal static class EntityOptions
{
    public static ListenerOptions ToListener(AttributeSet a) => new()
    {
        Name = a.GetString("name") ?? $"{a.GetString("host")}:{a.GetString("port")}",
        Host = a.GetString("host") ?? "",
        Port = a.GetString("port") ?? "amqp",
        Role = ConnectionRoleNames.Parse(a.GetString("role") ?? "normal"),
        Cost = (int)(a.GetInteger("cost") ?? 1),
        SslProfile = a.GetString("sslProfile"),
        SaslMechanisms = a.GetString("saslMechanisms"),
        AuthenticatePeer = a.GetBoolean("authenticatePeer") ?? false,
        RequireSsl = (a.GetBoolean("requireSsl") ?? false) || (a.GetBoolean("requireEncryption") ?? false),
        MaxFrameSize = (uint)Math.Clamp(a.GetInteger("maxFrameSize") ?? 16384, 512, uint.MaxValue),
        MaxSessionFrames = a.GetInteger("maxSessionFrames") is long f and > 0 ? (uint)Math.Min(f, uint.MaxValue) : null,
        MaxSessions = (int)(a.GetInteger("maxSessions") ?? 32768),
        IdleTimeoutSeconds = (int)(a.GetInteger("idleTimeoutSeconds") ?? 16),
        InitialHandshakeTimeoutSeconds = (int)(a.GetInteger("initialHandshakeTimeoutSeconds") ?? 0),
        LinkCapacity = a.GetInteger("linkCapacity") is long c and > 0 ? (int)Math.Min(c, int.MaxValue) : 250,
        Http = (a.GetBoolean("http") ?? false) || a.GetString("httpRootDir") is not null,
        HttpRootDir = a.GetString("httpRootDir"),
        Healthz = a.GetBoolean("healthz") ?? true,
        Metrics = a.GetBoolean("metrics") ?? true,
        OpenProperties = a["openProperties"] as AmqpMap,
    };

    public static ConnectorOptions ToConnector(AttributeSet a) => new()
    {
        Name = a.GetString("name") ?? $"{a.GetString("host")}:{a.GetString("port")}",
        Host = a.GetString("host") ?? "127.0.0.1",
        Port = a.GetString("port") ?? "amqp",
        Role = ConnectionRoleNames.Parse(a.GetString("role") ?? "normal"),
        Cost = (int)(a.GetInteger("cost") ?? 1),
        SslProfile = a.GetString("sslProfile"),
        SaslMechanisms = a.GetString("saslMechanisms"),
        SaslUsername = a.GetString("saslUsername"),
        SaslPassword = a.GetString("saslPassword"),
        VerifyHostname = a.GetBoolean("verifyHostname") ?? true,
        MaxFrameSize = (uint)Math.Clamp(a.GetInteger("maxFrameSize") ?? 16384, 512, uint.MaxValue),
        MaxSessionFrames = a.GetInteger("maxSessionFrames") is long f and > 0 ? (uint)Math.Min(f, uint.MaxValue) : null,
        MaxSessions = (int)(a.GetInteger("maxSessions") ?? 32768),
        IdleTimeoutSeconds = (int)(a.GetInteger("idleTimeoutSeconds") ?? 16),
        LinkCapacity = a.GetInteger("linkCapacity") is long c and > 0 ? (int)Math.Min(c, int.MaxValue) : 250,
        OpenProperties = a["openProperties"] as AmqpMap,
    };

    public static SslProfile ToSslProfile(AttributeSet a) => new()
    {
        Name = a.GetString("name")!,
        CertFile = a.GetString("certFile"),
        PrivateKeyFile = a.GetString("privateKeyFile"),
        Password = a.GetString("password"),
        CaCertFile = a.GetString("caCertFile"),
        Protocols = a.GetString("protocols"),
        Ciphers = a.GetString("ciphers"),
    };

    /// <summary>An `address` entity; throws <see cref="ArgumentException"/> with the C router's text when invalid.</summary>
    public static AddressConfig ToAddress(AttributeSet a)
    {
        string? prefix = a.GetString("prefix");
        string? pattern = a.GetString("pattern");
        if (prefix is null && pattern is null)
        {
            throw new ArgumentException("Either a 'prefix' or 'pattern' attribute must be provided");
        }

        if (prefix is not null && pattern is not null)
        {
            throw new ArgumentException("Cannot specify both a 'prefix' and a 'pattern' attribute");
        }

        var addressPattern = new AddressPattern(prefix ?? pattern!, isPrefix: prefix is not null);
        string name = a.GetString("name") ?? (prefix ?? pattern!);
        return new AddressConfig(name, addressPattern, TreatmentNames.Parse(a.GetString("distribution") ?? "balanced"),
            (int)(a.GetInteger("priority") ?? -1));
    }
}
