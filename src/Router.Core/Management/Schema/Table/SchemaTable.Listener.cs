using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'listener'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Listener() => new(
        "listener",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("host", T.String, "", Create),
            new("port", T.String, "amqp", Create),
            new("socketAddressFamily", T.Enum("IPv4", "IPv6"), null, Create),
            new("role", T.Enum("normal", "inter-router", "route-container", "edge", "inter-edge"), "normal", Create),
            new("cost", T.Integer, 1L, Create),
            new("sslProfile", T.String, null, Create),
            new("saslMechanisms", T.String, null, Create),
            new("authenticatePeer", T.Boolean, false, Create),
            new("requireEncryption", T.Boolean, false, Create),
            new("requireSsl", T.Boolean, false, Create),
            new("maxFrameSize", T.Integer, 16384L, Create),
            new("maxSessions", T.Integer, 32768L, Create),
            new("maxSessionFrames", T.Integer, null, Create),
            new("idleTimeoutSeconds", T.Integer, 16L, Create),
            new("initialHandshakeTimeoutSeconds", T.Integer, 0L, Create),
            new("stripAnnotations", T.Enum("in", "out", "both", "no"), "both", Create),
            new("linkCapacity", T.Integer, null, Create),
            new("failoverUrls", T.String, null, Create),
            new("healthz", T.Boolean, true, Create),
            new("metrics", T.Boolean, true, Create),
            new("websockets", T.Boolean, true, Create),
            new("http", T.Boolean, false, Create),
            new("httpRootDir", T.Path, null, Create),
            new("messageLoggingComponents", T.String, "none", Create),
            new("policyVhost", T.String, null, Create),
            new("openProperties", T.Properties, null, Create),
        ]);
}
