namespace Skrouterd.Amqp.Framing;

/// <summary>receiver-settle-mode (transport.xml 2.8.3).</summary>
public enum ReceiverSettleMode : byte
{
    First = 0,
    Second = 1,
}
