using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'connection'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Connection() => new(
        "connection",
        extends: "operationalEntity",
        operations: [],
        attributes:
        [
            new("adminStatus", T.Enum("enabled", "deleted"), "enabled", Update),
            new("operStatus", T.Enum("up", "closing")),
            new("protocol", T.String),
            new("container", T.String),
            new("opened", T.Boolean),
            new("host", T.String),
            new("dir", T.Enum("in", "out")),
            new("role", T.String),
            new("meshId", T.String),
            new("isAuthenticated", T.Boolean),
            new("isEncrypted", T.Boolean),
            new("enableProtocolTrace", T.Boolean, false, Update),
            new("sasl", T.String),
            new("user", T.String),
            new("ssl", T.Boolean),
            new("sslProto", T.String),
            new("sslCipher", T.String),
            new("sslSsf", T.Integer),
            new("uptimeSeconds", T.Integer, null, Graph),
            new("properties", T.Map),
            new("lastDlvSeconds", T.Integer, null, Graph),
        ]);
}
