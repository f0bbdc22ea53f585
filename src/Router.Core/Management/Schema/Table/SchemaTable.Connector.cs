using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'connector'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Connector() => new(
        "connector",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("host", T.String, "127.0.0.1", Create),
            new("port", T.String, "amqp", Create),
            new("socketAddressFamily", T.Enum("IPv4", "IPv6"), null, Create),
            new("role", T.Enum("normal", "inter-router", "route-container", "edge", "inter-edge"), "normal", Create),
            new("cost", T.Integer, 1L, Create),
            new("sslProfile", T.String, null, Create),
            new("saslMechanisms", T.String, null, Create),
            new("allowRedirect", T.Boolean, true, Create),
            new("maxFrameSize", T.Integer, 16384L, Create),
            new("maxSessions", T.Integer, 32768L, Create),
            new("maxSessionFrames", T.Integer, null, Create),
            new("idleTimeoutSeconds", T.Integer, 16L, Create),
            new("stripAnnotations", T.Enum("in", "out", "both", "no"), "both", Create),
            new("linkCapacity", T.Integer, null, Create),
            new("verifyHostname", T.Boolean, true, Create),
            new("saslUsername", T.String, null, Create),
            new("saslPassword", T.String, null, Create | Hidden),
            new("messageLoggingComponents", T.String, "none", Create),
            new("failoverUrls", T.String),
            new("connectionStatus", T.String),
            new("connectionMsg", T.String),
            new("policyVhost", T.String, null, Create),
            new("openProperties", T.Properties, null, Create),
        ]);
}
