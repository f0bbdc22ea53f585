using Skrouterd.Amqp.Framing;

namespace Skrouterd.Routing.InProcess;

/// <summary>
/// Callbacks of an in-process endpoint (the management agent, protocol adaptors). They run on whichever thread drives
/// the router at that moment. <see cref="OnContent"/> may run while another connection's lock is held, so every
/// callback must be quick and must not block or take locks of its own beyond a short one: post work to the
/// endpoint's own loop.
/// </summary>
internal interface IInProcessHandler
{
    /// <summary>A new delivery for a receiver (its message may still be arriving).</summary>
    void OnDelivery(InProcessReceiver link, Delivery delivery);

    /// <summary>More content (or the end) is available for <paramref name="delivery"/> of this receiver.</summary>
    void OnContent(InProcessReceiver link, Delivery delivery);

    /// <summary>The other side changed a delivery's state or settled it.</summary>
    void OnUpdate(RouterLink link, Delivery delivery, DeliveryState state, bool settled);

    /// <summary>A sender got credit (its address became reachable) or was drained.</summary>
    void OnCredit(InProcessSender link, int credit, bool drain);
}
