using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'vhostUserGroupSettings'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema VhostUserGroupSettings() => new(
        "vhostUserGroupSettings",
        extends: "configurationEntity",
        operations: [],
        attributes:
        [
            new("users", T.String, null, Required),
            new("remoteHosts", T.String, null, Required),
            new("maxConnectionsPerUser", T.Integer),
            new("maxConnectionsPerHost", T.Integer),
            new("maxMessageSize", T.Integer),
            new("maxFrameSize", T.Integer, null, Create),
            new("maxSessionWindow", T.Integer, null, Create),
            new("maxSessions", T.Integer, null, Create),
            new("maxSenders", T.Integer, 2147483647L, Create),
            new("maxReceivers", T.Integer, 2147483647L, Create),
            new("allowDynamicSource", T.Boolean, false, Create),
            new("allowAnonymousSender", T.Boolean, false, Create),
            new("allowUserIdProxy", T.Boolean, false, Create),
            new("allowAdminStatusUpdate", T.Boolean, true, Create),
            new("sources", T.String, null, Create),
            new("targets", T.String, null, Create),
            new("sourcePattern", T.String, null, Create),
            new("targetPattern", T.String, null, Create),
        ]);
}
