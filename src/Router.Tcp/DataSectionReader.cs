using System.Buffers.Binary;
using Skrouterd.Amqp.Codec;
using Skrouterd.Routing;
using Skrouterd.Routing.InProcess;

namespace Skrouterd.Tcp;

/// <summary>
/// Walks the body of a TCP stream message as it arrives: a sequence of data sections (adaptors.md §2.4) whose
/// payloads are handed out in place, straight from the message's blocks. Section headers may straddle blocks; a body
/// section other than data makes the stream invalid. One reader per delivery, on one thread at a time.
/// </summary>
internal sealed class DataSectionReader
{
    private long _sectionRemaining;

    public bool IsInvalid { get; private set; }

    /// <summary>
    /// Returns the next run of payload bytes available now (empty when none yet, or at the end). The caller writes
    /// them, then calls <see cref="Consume"/>.
    /// </summary>
    public ReadOnlyMemory<byte> Next(Delivery d)
    {
        while (!IsInvalid)
        {
            if (_sectionRemaining > 0)
            {
                return ContentReader.Peek(d, (int)Math.Min(_sectionRemaining, int.MaxValue));
            }

            if (!TryReadSectionHeader(d))
            {
                return default;
            }
        }

        return default;
    }

    public void Consume(Delivery d, int count)
    {
        ContentReader.Advance(d, count);
        _sectionRemaining -= count;
    }

    /// <summary>True when the whole message has been read (every section consumed and the producer finished).</summary>
    public bool IsAtEnd(Delivery d) => _sectionRemaining == 0 && ContentReader.IsFinished(d);

    private bool TryReadSectionHeader(Delivery d)
    {
        Span<byte> h = stackalloc byte[16];
        int n = ContentReader.CopyAhead(d, h);
        if (n < 3)
        {
            return false;
        }

        if (h[0] != FormatCode.Described)
        {
            IsInvalid = true;
            return false;
        }

        int descriptorLength;
        ulong code;
        switch (h[1])
        {
            case FormatCode.SmallULong:
                descriptorLength = 3;
                code = h[2];
                break;
            case FormatCode.ULong:
                if (n < 10)
                {
                    return false;
                }

                descriptorLength = 10;
                code = BinaryPrimitives.ReadUInt64BigEndian(h[2..]);
                break;
            default:
                IsInvalid = true;
                return false;
        }

        if (code != Descriptors.Data)
        {
            IsInvalid = true; // adaptors.md §2.4: a body section other than data is invalid for a stream
            return false;
        }

        if (n < descriptorLength + 2)
        {
            return false;
        }

        byte constructor = h[descriptorLength];
        long length;
        int headerLength;
        if (constructor == FormatCode.Binary8)
        {
            length = h[descriptorLength + 1];
            headerLength = descriptorLength + 2;
        }
        else if (constructor == FormatCode.Binary32)
        {
            if (n < descriptorLength + 5)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt32BigEndian(h[(descriptorLength + 1)..]);
            headerLength = descriptorLength + 5;
        }
        else
        {
            IsInvalid = true;
            return false;
        }

        ContentReader.Advance(d, headerLength);
        _sectionRemaining = length;
        return true;
    }
}
