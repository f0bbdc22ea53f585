using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Client;

/// <summary>One unit read off the wire: a protocol header (8 bytes) or a frame with its body copied out.</summary>
internal readonly record struct ReceivedItem(byte[]? ProtocolHeader, FrameHeader Frame, byte[] Body);
