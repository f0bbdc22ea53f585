namespace Skrouterd.Amqp.Framing;

/// <summary>sender-settle-mode (transport.xml 2.8.2).</summary>
public enum SenderSettleMode : byte
{
    Unsettled = 0,
    Settled = 1,
    Mixed = 2,
}
