namespace Skrouterd.Amqp.Framing;

/// <summary>role (transport.xml 2.8.1): false = sender, true = receiver.</summary>
public enum LinkRole : byte
{
    Sender = 0,
    Receiver = 1,
}
