using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'vhostStats'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema VhostStats() => new(
        "vhostStats",
        extends: "operationalEntity",
        operations: [],
        attributes:
        [
            new("hostname", T.String),
            new("connectionsApproved", T.Integer, null, Graph),
            new("connectionsDenied", T.Integer, null, Graph),
            new("connectionsCurrent", T.Integer, null, Graph),
            new("perUserState", T.Map),
            new("perHostState", T.Map),
            new("sessionDenied", T.Integer, null, Graph),
            new("senderDenied", T.Integer, null, Graph),
            new("receiverDenied", T.Integer, null, Graph),
            new("maxMessageSizeDenied", T.Integer, null, Graph),
        ]);
}
