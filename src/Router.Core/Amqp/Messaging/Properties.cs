using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Amqp.Messaging;

/// <summary>properties section (messaging.xml 3.2.4). Message ids keep their AMQP type (ulong, uuid, binary, string).</summary>
public sealed class Properties : DescribedList
{
    public object? MessageId { get; set; }

    public byte[]? UserId { get; set; }

    public string? To { get; set; }

    public string? Subject { get; set; }

    public string? ReplyTo { get; set; }

    public object? CorrelationId { get; set; }

    public string? ContentType { get; set; }

    public string? ContentEncoding { get; set; }

    public AmqpTimestamp? AbsoluteExpiryTime { get; set; }

    public AmqpTimestamp? CreationTime { get; set; }

    public string? GroupId { get; set; }

    public uint? GroupSequence { get; set; }

    public string? ReplyToGroupId { get; set; }

    /// <summary>Encode at least this many fields (the C router writes fixed field counts in some messages).</summary>
    public int MinimumFieldCount { get; set; }

    public override ulong DescriptorCode => Descriptors.Properties;

    public override int FieldCount => Math.Max(MinimumFieldCount, LastPresent(
    [
        MessageId is not null, UserId is not null, To is not null, Subject is not null, ReplyTo is not null,
        CorrelationId is not null, ContentType is not null, ContentEncoding is not null,
        AbsoluteExpiryTime.HasValue, CreationTime.HasValue, GroupId is not null, GroupSequence.HasValue,
        ReplyToGroupId is not null,
    ]));

    public override void WriteFields(ref AmqpWriter w)
    {
        int n = FieldCount;
        if (n > 0) w.WriteValue(MessageId);
        if (n > 1) FieldWriting.WriteOptional(ref w, UserId);
        if (n > 2) FieldWriting.WriteOptional(ref w, To);
        if (n > 3) FieldWriting.WriteOptional(ref w, Subject);
        if (n > 4) FieldWriting.WriteOptional(ref w, ReplyTo);
        if (n > 5) w.WriteValue(CorrelationId);
        if (n > 6) FieldWriting.WriteOptionalSymbol(ref w, ContentType);
        if (n > 7) FieldWriting.WriteOptionalSymbol(ref w, ContentEncoding);
        if (n > 8) w.WriteValue(AbsoluteExpiryTime);
        if (n > 9) w.WriteValue(CreationTime);
        if (n > 10) FieldWriting.WriteOptional(ref w, GroupId);
        if (n > 11) FieldWriting.WriteOptional(ref w, GroupSequence);
        if (n > 12) FieldWriting.WriteOptional(ref w, ReplyToGroupId);
    }

    protected override void ReadFields(ref AmqpReader r)
    {
        MessageId = r.NextField() ? r.ReadValue() : null;
        UserId = r.NextField() ? r.ReadBinary().ToArray() : null;
        To = r.NextField() ? r.ReadText() : null;
        Subject = r.NextField() ? r.ReadText() : null;
        ReplyTo = r.NextField() ? r.ReadText() : null;
        CorrelationId = r.NextField() ? r.ReadValue() : null;
        ContentType = r.NextField() ? r.ReadText() : null;
        ContentEncoding = r.NextField() ? r.ReadText() : null;
        AbsoluteExpiryTime = r.NextField() ? r.ReadTimestamp() : null;
        CreationTime = r.NextField() ? r.ReadTimestamp() : null;
        GroupId = r.NextField() ? r.ReadText() : null;
        GroupSequence = r.NextField() ? r.ReadUInt() : null;
        ReplyToGroupId = r.NextField() ? r.ReadText() : null;
    }
}
