using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'vhost'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Vhost() => new(
        "vhost",
        extends: "configurationEntity",
        operations: ["CREATE", "UPDATE", "DELETE"],
        attributes:
        [
            new("hostname", T.String, null, Required | Create),
            new("aliases", T.String, null, Create | Update),
            new("maxConnections", T.Integer, 65535L, Create | Update),
            new("maxMessageSize", T.Integer),
            new("maxConnectionsPerUser", T.Integer, 65535L, Create | Update),
            new("maxConnectionsPerHost", T.Integer, 65535L, Create | Update),
            new("allowUnknownUser", T.Boolean, false, Create | Update),
            new("groups", T.Map, null, Create | Update),
        ]);
}
