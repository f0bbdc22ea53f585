using Skrouterd.Amqp.Framing;

namespace Skrouterd.Routing;

/// <summary>A queued cross-connection operation (see <see cref="ActionList"/>). Holds a reference on its delivery.</summary>
internal struct CoreAction
{
    public CoreActionKind Kind;
    public RouterLink Link;
    public Delivery? Delivery;
    public DeliveryState State;
    public bool Settled;
    public int Credit;
    public bool Drain;
}
