namespace Skrouterd.Routing;

/// <summary>Work one connection asks of another, run after the asking connection's lock is released.</summary>
internal enum CoreActionKind : byte
{
    /// <summary>Queue an outgoing delivery on a consumer link.</summary>
    Deliver,

    /// <summary>The peer of a delivery changed state or settled: apply it to the delivery on the target link.</summary>
    PeerUpdate,

    /// <summary>Grant credit on an incoming (producer) link.</summary>
    IssueCredit,

    /// <summary>Content arrived for an outgoing delivery: wake its connection's writer.</summary>
    Wake,
}
