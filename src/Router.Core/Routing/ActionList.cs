using Skrouterd.Amqp.Framing;

namespace Skrouterd.Routing;

/// <summary>
/// Cross-connection work collected while one connection's lock is held and run after it is released, so no thread
/// ever holds two connection locks (the router's only lock-ordering rule). One list per thread
/// (<see cref="Current"/>): whoever took a lock queues here, and the outermost caller runs the list after unlocking,
/// with no await in between. Actions run by the list may queue more; the same loop runs them. Never allocates when warm.
/// </summary>
internal sealed class ActionList
{
    [ThreadStatic]
    private static ActionList? t_current;

    private CoreAction[] _items = new CoreAction[16];
    private int _count;
    private bool _running;

    public static ActionList Current => t_current ??= new ActionList();

    public int Count => _count;

    public void Deliver(RouterLink link, Delivery outgoing)
    {
        outgoing.AddRef();
        Add(new CoreAction { Kind = CoreActionKind.Deliver, Link = link, Delivery = outgoing });
    }

    public void PeerUpdate(Delivery target, DeliveryState state, bool settled)
    {
        var link = target.Link;
        if (link is null)
        {
            return;
        }

        target.AddRef();
        Add(new CoreAction { Kind = CoreActionKind.PeerUpdate, Link = link, Delivery = target, State = state, Settled = settled });
    }

    public void IssueCredit(RouterLink link, int credit, bool drain = false) =>
        Add(new CoreAction { Kind = CoreActionKind.IssueCredit, Link = link, Credit = credit, Drain = drain });

    public void Wake(RouterLink link, Delivery delivery)
    {
        delivery.AddRef();
        Add(new CoreAction { Kind = CoreActionKind.Wake, Link = link, Delivery = delivery });
    }

    private void Add(in CoreAction action)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count++] = action;
    }

    /// <summary>Runs every queued action in order (actions may queue more; those run too), then clears the list.</summary>
    public void Run()
    {
        if (_running || _count == 0)
        {
            return;
        }

        _running = true;
        try
        {
            RunAll();
        }
        finally
        {
            _running = false;
        }
    }

    private void RunAll()
    {
        for (int i = 0; i < _count; i++)
        {
            ref var a = ref _items[i];
            var d = a.Delivery;
            try
            {
                switch (a.Kind)
                {
                    case CoreActionKind.Deliver:
                        a.Link.Deliver(d!);
                        break;
                    case CoreActionKind.PeerUpdate:
                        a.Link.OnPeerUpdate(d!, a.State, a.Settled);
                        break;
                    case CoreActionKind.IssueCredit:
                        a.Link.IssueCredit(a.Credit, a.Drain);
                        break;
                    case CoreActionKind.Wake:
                        a.Link.Wake(d!);
                        break;
                }
            }
            finally
            {
                d?.Release();
                a = default;
            }
        }

        _count = 0;
    }
}
