using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>A composite type encoded as a described list (performatives, termini, errors, outcomes, sections).</summary>
public abstract class DescribedList : IAmqpFields, IAmqpEncodable
{
    public abstract ulong DescriptorCode { get; }

    public abstract int FieldCount { get; }

    public abstract void WriteFields(ref AmqpWriter writer);

    /// <summary>Resets every field to absent, then reads the fields present on the wire.</summary>
    protected abstract void ReadFields(ref AmqpReader reader);

    public void Encode(ref AmqpWriter writer)
    {
        writer.WriteDescriptor(DescriptorCode);
        writer.WriteList(this);
    }

    /// <summary>Reads the list that follows an already-consumed descriptor.</summary>
    public void DecodeBody(ref AmqpReader reader)
    {
        var header = reader.ReadListHeader();
        int saved = reader.EnterFields(header.Count);
        ReadFields(ref reader);
        reader.ExitFields(header.End, saved);
    }

    protected static void ThrowMissing(string field, string type) =>
        throw new AmqpDecodeException($"mandatory field {field} of {type} is missing", AmqpErrors.InvalidField);

    /// <summary>Counts fields up to the last present one: index of the last true flag plus one.</summary>
    protected static int LastPresent(ReadOnlySpan<bool> present)
    {
        for (int i = present.Length - 1; i >= 0; i--)
        {
            if (present[i])
            {
                return i + 1;
            }
        }

        return 0;
    }
}
