using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'sslProfile'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema SslProfile() => new(
        "sslProfile",
        extends: "configurationEntity",
        operations: ["CREATE", "DELETE"],
        attributes:
        [
            new("ciphers", T.String, null, Create),
            new("protocols", T.String, null, Create),
            new("caCertFile", T.Path, null, Create),
            new("certFile", T.Path, null, Create),
            new("privateKeyFile", T.Path, null, Create),
            new("password", T.String, null, Create),
            new("uidFormat", T.String, null, Create),
            new("uidNameMappingFile", T.String, null, Create),
        ],
        referential: true);
}
