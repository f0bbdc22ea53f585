namespace Skrouterd.Routing;

/// <summary>
/// Live state of one address: its key, treatment, and the links and in-process endpoints that consume it.
/// The consumer set is an immutable array replaced on every change (copy-on-write under <see cref="_sync"/>) and
/// read once per delivery without a lock; counters are updated with interlocked adds on the data path.
/// </summary>
internal sealed class Address
{
    private static long s_created;

    private readonly object _sync = new();
    private RouterLink[] _consumers = [];
    private RouterLink[] _producers = [];
    private int _roundRobin;

    public Address(string key, Treatment treatment, int priority = -1)
    {
        Key = key;
        Treatment = treatment;
        Priority = priority;
    }

    /// <summary>
    /// Creation order. The C core keeps its addresses in a list in creation order, and management lists them in
    /// that order (skstat -a sorts by address text with a stable sort, so equal texts such as mobile and local
    /// <c>$management</c> keep it).
    /// </summary>
    public long Created { get; } = Interlocked.Increment(ref s_created);

    /// <summary>Hash key with class prefix, e.g. `Mservice:8080` or `Ltemp.abc`.</summary>
    public string Key { get; }

    public Treatment Treatment { get; set; }

    public int Priority { get; set; }

    /// <summary>True for addresses served by an in-process endpoint of the router itself (e.g. `$management`).</summary>
    public bool InProcess { get; set; }

    /// <summary>Consumer links (outgoing from the router), read lock-free by the forwarder.</summary>
    public RouterLink[] Consumers => Volatile.Read(ref _consumers);

    public RouterLink[] Producers => Volatile.Read(ref _producers);

    public bool HasConsumers => Volatile.Read(ref _consumers).Length > 0;

    /// <summary>The address is referenced by nothing and can be dropped from the table.</summary>
    public bool IsUnused => _consumers.Length == 0 && _producers.Length == 0 && !Pinned;

    /// <summary>Kept in the table even when unused (configured or in-process addresses).</summary>
    public bool Pinned { get; set; }

    // counters shown by router.address
    public long DeliveriesIngress;
    public long DeliveriesEgress;
    public long DeliveriesTransit;
    public long DeliveriesToContainer;
    public long DeliveriesFromContainer;

    /// <summary>
    /// Raised (outside any lock) when the address gains its first consumer (true) or loses its last (false).
    /// Adaptor listeners open their sockets only while their address is reachable.
    /// </summary>
    public event Action<Address, bool>? ReachabilityChanged;

    public void RaiseReachability(bool reachable) => ReachabilityChanged?.Invoke(this, reachable);

    public bool HasReachabilityWatchers => ReachabilityChanged is not null;

    /// <summary>Adds a consumer; returns true if it is the first one.</summary>
    public bool AddConsumer(RouterLink link)
    {
        lock (_sync)
        {
            var old = _consumers;
            var next = new RouterLink[old.Length + 1];
            old.CopyTo(next, 0);
            next[^1] = link;
            Volatile.Write(ref _consumers, next);
            return old.Length == 0;
        }
    }

    /// <summary>Removes a consumer; returns true if none is left.</summary>
    public bool RemoveConsumer(RouterLink link)
    {
        lock (_sync)
        {
            var old = _consumers;
            int i = Array.IndexOf(old, link);
            if (i < 0)
            {
                return false;
            }

            var next = new RouterLink[old.Length - 1];
            Array.Copy(old, 0, next, 0, i);
            Array.Copy(old, i + 1, next, i, old.Length - i - 1);
            Volatile.Write(ref _consumers, next);
            return next.Length == 0;
        }
    }

    public void AddProducer(RouterLink link)
    {
        lock (_sync)
        {
            var old = _producers;
            var next = new RouterLink[old.Length + 1];
            old.CopyTo(next, 0);
            next[^1] = link;
            Volatile.Write(ref _producers, next);
        }
    }

    public void RemoveProducer(RouterLink link)
    {
        lock (_sync)
        {
            var old = _producers;
            int i = Array.IndexOf(old, link);
            if (i < 0)
            {
                return;
            }

            var next = new RouterLink[old.Length - 1];
            Array.Copy(old, 0, next, 0, i);
            Array.Copy(old, i + 1, next, i, old.Length - i - 1);
            Volatile.Write(ref _producers, next);
        }
    }

    /// <summary>Next start index for round-robin among local consumers (closest treatment).</summary>
    public int NextRoundRobin() => (int)((uint)Interlocked.Increment(ref _roundRobin) & int.MaxValue);

    public override string ToString() => Key;
}
