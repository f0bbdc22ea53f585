namespace Skrouterd.Amqp.Framing;

/// <summary>The 8-byte frame header (transport.xml 2.3.1): SIZE, DOFF, TYPE, channel.</summary>
public readonly record struct FrameHeader(uint Size, byte DataOffset, byte Type, ushort Channel)
{
    public const int Length = 8;
    public const byte TypeAmqp = 0;
    public const byte TypeSasl = 1;

    public bool IsEmpty => Size == Length && DataOffset == 2;
}
