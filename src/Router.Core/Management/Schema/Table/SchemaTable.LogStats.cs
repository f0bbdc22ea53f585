using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'logStats'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema LogStats() => new(
        "logStats",
        extends: "operationalEntity",
        operations: [],
        attributes:
        [
            new("debugCount", T.Integer, null, Graph),
            new("infoCount", T.Integer, null, Graph),
            new("noticeCount", T.Integer, null, Graph),
            new("warningCount", T.Integer, null, Graph),
            new("errorCount", T.Integer, null, Graph),
            new("criticalCount", T.Integer, null, Graph),
        ]);
}
