using static Skrouterd.Management.Schema.AttributeFlags;
using T = Skrouterd.Management.Schema.AttributeType;

namespace Skrouterd.Management.Schema;

// Generated from the 2.7.6 schema facts (skrouter.json): entity type 'allocator'.
internal static partial class SchemaTable
{
    private static EntityTypeSchema Allocator() => new(
        "allocator",
        extends: "operationalEntity",
        operations: [],
        attributes:
        [
            new("typeName", T.String),
            new("typeSize", T.Integer),
            new("transferBatchSize", T.Integer),
            new("localFreeListMax", T.Integer, null, Graph),
            new("globalFreeListMax", T.Integer, null, Graph),
            new("totalAllocFromHeap", T.Integer, null, Graph),
            new("totalFreeToHeap", T.Integer, null, Graph),
            new("heldByThreads", T.Integer, null, Graph),
            new("batchesRebalancedToThreads", T.Integer, null, Graph),
            new("batchesRebalancedToGlobal", T.Integer, null, Graph),
        ]);
}
