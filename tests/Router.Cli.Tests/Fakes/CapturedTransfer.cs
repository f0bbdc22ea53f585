using Skrouterd.Amqp.Messaging;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>A transfer from ../captures/04-management.frames.txt: packet number, connection, direction, message bytes.</summary>
internal sealed record CapturedTransfer(int Packet, int Connection, string Sender, bool FromRouter, byte[] Payload, byte[] Frame)
{
    public AmqpMessage Message => AmqpMessage.Decode(Payload);
}
