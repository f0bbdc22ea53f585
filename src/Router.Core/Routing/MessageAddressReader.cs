using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Routing;

/// <summary>
/// Finds the destination of a delivery on an anonymous link: the router-annotations to-override if present, else the
/// properties `to` field (inter-router-protocol.md §4.3, §5.5). Reads only the leading sections, from a copy of the
/// message's first bytes on the stack, and looks the address up without allocating.
/// </summary>
internal static class MessageAddressReader
{
    private const int StackBytes = 1024;
    private const int MaxLeadingBytes = 64 * 1024;

    /// <summary>
    /// Reads the destination of <paramref name="message"/>. When <see cref="AddressLookup.Found"/>,
    /// <paramref name="address"/> is its entry in the address table (null if it has none) and
    /// <paramref name="treatment"/> the treatment it has or would have.
    /// </summary>
    public static AddressLookup TryReadTo(Message message, RouterCore core, out Address? address, out Treatment treatment)
    {
        address = null;
        treatment = core.DefaultTreatment;
        long length = message.Length;
        int take = (int)Math.Min(length, MaxLeadingBytes);
        byte[]? rented = null;
        Span<byte> bytes = take <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(take));
        try
        {
            int n = message.CopyPrefix(bytes[..take]);
            var result = Scan(bytes[..n], out var to);
            if (result == AddressLookup.NeedMoreData)
            {
                if (message.IsFinished)
                {
                    return AddressLookup.Malformed;
                }

                return length >= MaxLeadingBytes ? AddressLookup.Malformed : AddressLookup.NeedMoreData;
            }

            if (result != AddressLookup.Found)
            {
                return result;
            }

            Span<char> chars = stackalloc char[AddressKey.MaxStackLength];
            if (Encoding.UTF8.GetMaxCharCount(to.Length) <= chars.Length)
            {
                int c = Encoding.UTF8.GetChars(to, chars);
                address = core.FindByAddress(chars[..c], out treatment);
            }
            else
            {
                address = core.FindByAddress(Encoding.UTF8.GetString(to), out treatment);
            }

            return AddressLookup.Found;
        }
        catch (AmqpDecodeException)
        {
            return AddressLookup.Malformed;
        }
        catch (ArgumentException)
        {
            return AddressLookup.Malformed;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Walks the leading sections; returns the UTF-8 bytes of the destination address.</summary>
    public static AddressLookup Scan(ReadOnlySpan<byte> bytes, out ReadOnlySpan<byte> to)
    {
        to = default;
        var r = new AmqpReader(bytes);
        ReadOnlySpan<byte> overrideTo = default;
        while (true)
        {
            if (r.IsAtEnd)
            {
                return AddressLookup.NeedMoreData;
            }

            int sectionStart = r.Position;
            if (!TrySkipToBody(ref r, out var descriptor))
            {
                return AddressLookup.NeedMoreData;
            }

            switch (descriptor)
            {
                case Descriptors.RouterAnnotations:
                    if (!TryReadOverride(bytes[sectionStart..], out overrideTo))
                    {
                        return AddressLookup.NeedMoreData;
                    }

                    r.Seek(sectionStart);
                    if (!TrySkipSection(ref r))
                    {
                        return AddressLookup.NeedMoreData;
                    }

                    break;
                case Descriptors.Header:
                case Descriptors.DeliveryAnnotations:
                case Descriptors.MessageAnnotations:
                    r.Seek(sectionStart);
                    if (!TrySkipSection(ref r))
                    {
                        return AddressLookup.NeedMoreData;
                    }

                    break;
                case Descriptors.Properties:
                    {
                        if (!overrideTo.IsEmpty)
                        {
                            to = overrideTo;
                            return AddressLookup.Found;
                        }

                        r.Seek(sectionStart);
                        if (!TrySkipSection(ref r))
                        {
                            return AddressLookup.NeedMoreData;
                        }

                        // to is field 2, after message-id and user-id, either of which may be null (messaging.xml 3.2.4)
                        var pr = new AmqpReader(bytes[sectionStart..r.Position]);
                        pr.ReadDescriptor();
                        var h = pr.ReadListHeader();
                        if (h.Count < 3)
                        {
                            return AddressLookup.NoAddress;
                        }

                        pr.SkipValue();
                        pr.SkipValue();
                        if (pr.TryReadNull())
                        {
                            return AddressLookup.NoAddress;
                        }

                        to = pr.ReadTextBytes(out _);
                        return to.IsEmpty ? AddressLookup.NoAddress : AddressLookup.Found;
                    }

                default:
                    if (!overrideTo.IsEmpty)
                    {
                        to = overrideTo;
                        return AddressLookup.Found;
                    }

                    return AddressLookup.NoAddress;
            }
        }
    }

    /// <summary>Reads a section's descriptor; false when the prefix ends inside it. Throws if it is malformed.</summary>
    private static bool TrySkipToBody(ref AmqpReader r, out ulong descriptor)
    {
        descriptor = 0;
        if (!IsDescriptorComplete(r.Unread))
        {
            return false;
        }

        descriptor = r.ReadDescriptor().Code;
        return true;
    }

    /// <summary>
    /// True when the descriptor at the start of <paramref name="s"/> is all there, or cannot be one (then reading it
    /// reports the error). A symbolic descriptor such as amqp:properties:list is 23 bytes, so a short remainder alone
    /// does not mean the prefix was cut inside it.
    /// </summary>
    private static bool IsDescriptorComplete(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[0] != FormatCode.Described)
        {
            return true;
        }

        if (s.Length < 2)
        {
            return false;
        }

        long needed = s[1] switch
        {
            FormatCode.ULong0 or FormatCode.UInt0 => 2,
            FormatCode.SmallULong or FormatCode.SmallUInt or FormatCode.UByte => 3,
            FormatCode.UShort => 4,
            FormatCode.UInt => 6,
            FormatCode.ULong => 10,
            FormatCode.Symbol8 => s.Length < 3 ? 3 : 3 + s[2],
            FormatCode.Symbol32 => s.Length < 6 ? 6 : 6 + (long)BinaryPrimitives.ReadUInt32BigEndian(s[2..]),
            _ => 0,
        };
        return s.Length >= needed;
    }

    private static bool TrySkipSection(ref AmqpReader r)
    {
        int start = r.Position;
        try
        {
            r.SkipValue();
            return true;
        }
        catch (AmqpDecodeException)
        {
            r.Seek(start);
            return false;
        }
    }

    /// <summary>Reads field 1 (to-override) of a router-annotations section.</summary>
    private static bool TryReadOverride(ReadOnlySpan<byte> section, out ReadOnlySpan<byte> to)
    {
        to = default;
        var r = new AmqpReader(section);
        try
        {
            r.ReadDescriptor();
            var h = r.ReadListHeader();
            if (h.Count < 2)
            {
                return true;
            }

            r.SkipValue();
            if (!r.TryReadNull())
            {
                to = r.ReadStringUtf8();
            }

            return true;
        }
        catch (AmqpDecodeException)
        {
            return false;
        }
    }
}
