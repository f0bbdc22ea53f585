using Skrouterd.Amqp.Codec;

namespace Skrouterd.Amqp.Framing;

/// <summary>
/// A delivery state or outcome as carried in transfer and disposition frames. A value type so the common states
/// (accepted, released, received with a section offset) cost no allocation; rejected carries its error and
/// modified its annotations. States we do not interpret (transactional) keep their raw encoding.
/// </summary>
public readonly struct DeliveryState : IEquatable<DeliveryState>
{
    public static readonly DeliveryState None = default;
    public static readonly DeliveryState Accepted = new(DeliveryStateKind.Accepted);
    public static readonly DeliveryState Released = new(DeliveryStateKind.Released);

    public DeliveryState(DeliveryStateKind kind)
    {
        Kind = kind;
    }

    private DeliveryState(DeliveryStateKind kind, uint sectionNumber, ulong sectionOffset, bool deliveryFailed,
        bool undeliverableHere, object? detail)
    {
        Kind = kind;
        SectionNumber = sectionNumber;
        SectionOffset = sectionOffset;
        _flags = (byte)((deliveryFailed ? 1 : 0) | (undeliverableHere ? 2 : 0));
        _detail = detail;
    }

    // 24 bytes: a delivery holds two states, so the rare parts (a rejection's error, a modification's annotations,
    // raw bytes of a state we do not interpret) share one reference, told apart by the kind.
    private readonly object? _detail;
    private readonly byte _flags;

    public DeliveryStateKind Kind { get; }

    public uint SectionNumber { get; }

    public ulong SectionOffset { get; }

    public bool DeliveryFailed => (_flags & 1) != 0;

    public bool UndeliverableHere => (_flags & 2) != 0;

    public AmqpMap? MessageAnnotations => Kind == DeliveryStateKind.Modified ? _detail as AmqpMap : null;

    public AmqpError? Error => Kind == DeliveryStateKind.Rejected ? _detail as AmqpError : null;

    /// <summary>Encoded bytes of a state this router does not interpret (declared, transactional-state).</summary>
    public byte[]? Raw => _detail as byte[];

    public bool IsTerminal => Kind is DeliveryStateKind.Accepted or DeliveryStateKind.Rejected
        or DeliveryStateKind.Released or DeliveryStateKind.Modified or DeliveryStateKind.Declared;

    public bool IsNone => Kind == DeliveryStateKind.None;

    public static DeliveryState Received(uint sectionNumber, ulong sectionOffset) =>
        new(DeliveryStateKind.Received, sectionNumber, sectionOffset, false, false, null);

    public static DeliveryState Rejected(AmqpError? error) =>
        new(DeliveryStateKind.Rejected, 0, 0, false, false, error);

    public static DeliveryState Modified(bool deliveryFailed, bool undeliverableHere, AmqpMap? annotations = null) =>
        new(DeliveryStateKind.Modified, 0, 0, deliveryFailed, undeliverableHere, annotations);

    /// <summary>Reads an optional delivery-state field.</summary>
    public static DeliveryState Read(ref AmqpReader r)
    {
        if (r.TryReadNull())
        {
            return None;
        }

        int start = r.Position;
        var d = r.ReadDescriptor();
        switch (d.Code)
        {
            case Descriptors.Accepted:
            case Descriptors.Released:
                r.SkipValue();
                return new DeliveryState((DeliveryStateKind)d.Code);
            case Descriptors.Received:
                {
                    var h = r.ReadListHeader();
                    int saved = r.EnterFields(h.Count);
                    uint section = r.NextField() ? r.ReadUInt() : 0;
                    ulong offset = r.NextField() ? r.ReadULong() : 0;
                    r.ExitFields(h.End, saved);
                    return Received(section, offset);
                }

            case Descriptors.Rejected:
                {
                    var h = r.ReadListHeader();
                    int saved = r.EnterFields(h.Count);
                    AmqpError? error = r.NextField() ? AmqpError.ReadOptional(ref r) : null;
                    r.ExitFields(h.End, saved);
                    return Rejected(error);
                }

            case Descriptors.Modified:
                {
                    var h = r.ReadListHeader();
                    int saved = r.EnterFields(h.Count);
                    bool failed = r.NextField() && r.ReadBoolean();
                    bool undeliverable = r.NextField() && r.ReadBoolean();
                    AmqpMap? ann = r.NextField() ? r.ReadValue() as AmqpMap : null;
                    r.ExitFields(h.End, saved);
                    return Modified(failed, undeliverable, ann);
                }

            default:
                {
                    r.SkipValue();
                    var kind = d.Code switch
                    {
                        Descriptors.Declared => DeliveryStateKind.Declared,
                        Descriptors.TransactionalState => DeliveryStateKind.Transactional,
                        _ => throw new AmqpDecodeException($"unknown delivery state descriptor 0x{d.Code:x}"),
                    };
                    return new DeliveryState(kind, 0, 0, false, false, r.Buffer[start..r.Position].ToArray());
                }
        }
    }

    public void Write(ref AmqpWriter w)
    {
        switch (Kind)
        {
            case DeliveryStateKind.None:
                w.WriteNull();
                return;
            case DeliveryStateKind.Accepted:
            case DeliveryStateKind.Released:
                w.WriteDescriptor((ulong)Kind);
                w.WriteListHeader(0, 0);
                return;
            case DeliveryStateKind.Received:
                {
                    // As the C router writes it (captures/02-tcp-across #323): list32, section-offset as a full ulong.
                    w.WriteDescriptor((ulong)Kind);
                    var m = AmqpWriter.CreateMeasurer();
                    m.WriteUInt(SectionNumber);
                    m.WriteULongFull(SectionOffset);
                    w.WriteListHeader(2, (int)m.BytesWritten, force32: true);
                    w.WriteUInt(SectionNumber);
                    w.WriteULongFull(SectionOffset);
                    return;
                }

            case DeliveryStateKind.Rejected:
                w.WriteDescriptor((ulong)Kind);
                if (Error is null)
                {
                    w.WriteListHeader(0, 0);
                }
                else
                {
                    var m = AmqpWriter.CreateMeasurer();
                    Error.Encode(ref m);
                    w.WriteListHeader(1, (int)m.BytesWritten);
                    Error.Encode(ref w);
                }

                return;
            case DeliveryStateKind.Modified:
                {
                    w.WriteDescriptor((ulong)Kind);
                    int count = MessageAnnotations is not null ? 3 : UndeliverableHere ? 2 : DeliveryFailed ? 1 : 0;
                    var m = AmqpWriter.CreateMeasurer();
                    WriteModifiedFields(ref m, count);
                    w.WriteListHeader(count, (int)m.BytesWritten);
                    WriteModifiedFields(ref w, count);
                    return;
                }

            default:
                w.WriteRaw(Raw);
                return;
        }
    }

    private void WriteModifiedFields(ref AmqpWriter w, int count)
    {
        if (count > 0) w.WriteBoolean(DeliveryFailed);
        if (count > 1) w.WriteBoolean(UndeliverableHere);
        if (count > 2) FieldWriting.WriteOptional(ref w, MessageAnnotations);
    }

    public bool Equals(DeliveryState other) =>
        Kind == other.Kind && SectionNumber == other.SectionNumber && SectionOffset == other.SectionOffset
        && DeliveryFailed == other.DeliveryFailed && UndeliverableHere == other.UndeliverableHere
        && Error?.Condition == other.Error?.Condition && Error?.Description == other.Error?.Description;

    public override bool Equals(object? obj) => obj is DeliveryState s && Equals(s);

    public override int GetHashCode() => HashCode.Combine(Kind, SectionOffset);

    public override string ToString() => Kind switch
    {
        DeliveryStateKind.Received => $"received({SectionNumber},{SectionOffset})",
        DeliveryStateKind.Rejected => $"rejected({Error})",
        DeliveryStateKind.Modified => $"modified(failed={DeliveryFailed},undeliverable={UndeliverableHere})",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
