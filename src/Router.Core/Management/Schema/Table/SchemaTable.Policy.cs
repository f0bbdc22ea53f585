using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'policy'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Policy() => new(
        "policy",
        extends: "configurationEntity",
        operations: [],
        attributes:
        [
            new("maxConnections", T.Integer, 65535L, Create),
            new("maxMessageSize", T.Integer, 0L, Create),
            new("enableVhostPolicy", T.Boolean, false, Create),
            new("enableVhostNamePatterns", T.Boolean, false, Create),
            new("policyDir", T.Path, "", Create),
            new("defaultVhost", T.String, "$default", Create),
            new("connectionsProcessed", T.Integer, null, Graph),
            new("connectionsDenied", T.Integer, null, Graph),
            new("connectionsCurrent", T.Integer, null, Graph),
            new("linksDenied", T.Integer, null, Graph),
            new("maxMessageSizeDenied", T.Integer, null, Graph),
            new("totalDenials", T.Integer, null, Graph),
        ],
        singleton: true);
}
