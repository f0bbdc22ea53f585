namespace Skrouterd.Bench;

public enum PeerRole
{
    /// <summary>Attaches a sending link and sends test messages.</summary>
    Sender,

    /// <summary>Attaches a receiving link, grants credit and (for unsettled deliveries) accepts and settles.</summary>
    Receiver,
}
