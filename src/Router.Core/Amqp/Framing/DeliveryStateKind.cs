namespace Skrouterd.Amqp.Framing;

/// <summary>Delivery states and outcomes (messaging.xml 3.4, transactions.xml 4.5); values are their descriptors.</summary>
public enum DeliveryStateKind : byte
{
    None = 0,
    Received = 0x23,
    Accepted = 0x24,
    Rejected = 0x25,
    Released = 0x26,
    Modified = 0x27,
    Declared = 0x33,
    Transactional = 0x34,
}
