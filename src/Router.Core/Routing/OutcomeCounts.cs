using Skrouterd.Amqp.Framing;

namespace Skrouterd.Routing;

/// <summary>Deliveries counted by final outcome (management's accepted/rejected/released/modified columns).</summary>
internal struct OutcomeCounts
{
    public long Accepted;
    public long Rejected;
    public long Released;
    public long Modified;

    /// <summary>Counts one outcome (other kinds, e.g. none for a pre-settled delivery, are not counted).</summary>
    public void Count(DeliveryStateKind outcome)
    {
        switch (outcome)
        {
            case DeliveryStateKind.Accepted:
                Interlocked.Increment(ref Accepted);
                break;
            case DeliveryStateKind.Rejected:
                Interlocked.Increment(ref Rejected);
                break;
            case DeliveryStateKind.Released:
                Interlocked.Increment(ref Released);
                break;
            case DeliveryStateKind.Modified:
                Interlocked.Increment(ref Modified);
                break;
        }
    }
}
