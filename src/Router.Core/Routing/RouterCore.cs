using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skrouterd.Routing;

/// <summary>
/// Routing state of this router: identity, the address table, configured address treatments, the registries of
/// connections and links (for management), and the binding of links to addresses. Addresses are found without locks
/// (a concurrent dictionary keyed by hash key, looked up by span); each address publishes its consumer set as an
/// immutable array. The forwarding decision itself is in <see cref="Forwarder"/>.
/// </summary>
internal sealed class RouterCore
{
    private const string DiscriminatorChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_";

    private readonly ConcurrentDictionary<string, Address> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Address>.AlternateLookup<ReadOnlySpan<char>> _addressesBySpan;
    private readonly long _startTimestamp;
    private AddressConfig[] _addressConfigs = [];
    private long _nextConnectionId;
    private long _nextLinkId;

    public RouterCore(string id, RouterMode mode, TimeProvider clock, ILoggerFactory loggers)
    {
        Id = id;
        Mode = mode;
        Clock = clock;
        Loggers = loggers;
        Logs = new Diagnostics.ModuleLoggers(loggers);
        _addressesBySpan = _addresses.GetAlternateLookup<ReadOnlySpan<char>>();
        _startTimestamp = clock.GetTimestamp();
        Instance = clock.GetUtcNow().ToUnixTimeSeconds();
    }

    public string Id { get; }

    public RouterMode Mode { get; }

    public string Area => "0";

    /// <summary>Process incarnation (boot time, epoch seconds).</summary>
    public long Instance { get; }

    public TimeProvider Clock { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>Loggers named by the C router's modules.</summary>
    public Diagnostics.ModuleLoggers Logs { get; }

    public Treatment DefaultTreatment { get; set; } = Treatment.AnycastBalanced;

    public string? VanId { get; set; }

    public RouterCounters Counters { get; } = new();

    public ConcurrentDictionary<long, RouterConnection> Connections { get; } = new();

    public ConcurrentDictionary<long, RouterLink> Links { get; } = new();

    public ICollection<Address> Addresses => _addresses.Values;

    /// <summary>Whole seconds since the router started (the C router's core ticks).</summary>
    public long Ticks => (long)Clock.GetElapsedTime(_startTimestamp).TotalSeconds;

    public bool IsEdge => Mode == RouterMode.Edge;

    public long NextConnectionIdentity() => Interlocked.Increment(ref _nextConnectionId);

    public long NextLinkIdentity() => Interlocked.Increment(ref _nextLinkId);

    // ---- address configuration ---------------------------------------------------------------------------------

    public IReadOnlyList<AddressConfig> AddressConfigs => Volatile.Read(ref _addressConfigs);

    /// <summary>Adds an `address` entity; returns false if the same prefix/pattern is already configured.</summary>
    public bool AddAddressConfig(AddressConfig config)
    {
        lock (_addresses)
        {
            var old = _addressConfigs;
            if (old.Any(c => c.Pattern.Canonical == config.Pattern.Canonical))
            {
                return false;
            }

            Volatile.Write(ref _addressConfigs, [.. old, config]);
            return true;
        }
    }

    public bool RemoveAddressConfig(string name)
    {
        lock (_addresses)
        {
            var old = _addressConfigs;
            var next = old.Where(c => c.Name != name).ToArray();
            Volatile.Write(ref _addressConfigs, next);
            return next.Length != old.Length;
        }
    }

    /// <summary>The most specific configured `address` matching <paramref name="address"/> (without scheme/host).</summary>
    public AddressConfig? ConfigFor(ReadOnlySpan<char> address)
    {
        AddressConfig? best = null;
        foreach (var c in Volatile.Read(ref _addressConfigs))
        {
            if (c.Pattern.Matches(address) && (best is null || c.Pattern.Specificity > best.Pattern.Specificity))
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Treatment for a new address with hash key <paramref name="key"/>.</summary>
    public Treatment TreatmentForKey(ReadOnlySpan<char> key, out int priority)
    {
        priority = -1;
        if (key.Length > 0 && key[0] == AddressKey.Router)
        {
            return Treatment.AnycastClosest;
        }

        if (key.Length > 0 && key[0] == AddressKey.Mobile)
        {
            var config = ConfigFor(key[1..]);
            if (config is not null)
            {
                priority = config.Priority;
                return config.Treatment;
            }
        }

        return DefaultTreatment;
    }

    // ---- address table -----------------------------------------------------------------------------------------

    public Address? FindByKey(ReadOnlySpan<char> key) => _addressesBySpan.TryGetValue(key, out var a) ? a : null;

    public Address? FindByKey(string key) => _addresses.TryGetValue(key, out var a) ? a : null;

    /// <summary>Finds the address a message's `to` refers to, without allocating.</summary>
    public Address? FindByAddress(ReadOnlySpan<char> address) => FindByAddress(address, out _);

    /// <summary>
    /// Finds the address a message's `to` refers to, without allocating, and gives its treatment: the address's own,
    /// or for an address not in the table the one configuration would give it (`address` entities, then
    /// `defaultDistribution`), as the C router's qdr_link_forward_CT does to reject deliveries for unavailable
    /// addresses nobody has used yet.
    /// </summary>
    public Address? FindByAddress(ReadOnlySpan<char> address, out Treatment treatment)
    {
        Span<char> key = stackalloc char[AddressKey.MaxStackLength];
        int n = AddressKey.Compute(address, Id, IsEdge, key);
        if (n < 0)
        {
            string longKey = AddressKey.Compute(address.ToString(), Id, IsEdge);
            var found = FindByKey(longKey);
            treatment = found?.Treatment ?? TreatmentForKey(longKey, out _);
            return found;
        }

        var a = FindByKey(key[..n]);
        treatment = a?.Treatment ?? TreatmentForKey(key[..n], out _);
        return a;
    }

    public string KeyFor(string address) => AddressKey.Compute(address, Id, IsEdge);

    /// <summary>Gets or creates the address for a hash key (treatment from configuration).</summary>
    public Address GetOrCreate(string key)
    {
        if (_addresses.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var treatment = TreatmentForKey(key, out int priority);
        return _addresses.GetOrAdd(key, k => new Address(k, treatment, priority));
    }

    /// <summary>Creates a new dynamic (temporary) address: `amqp:/_topo/0/&lt;id&gt;/temp.X` (edge: `_edge/&lt;id&gt;/temp.X`).</summary>
    public (string Address, Address Entry) CreateTemporaryAddress(bool forReceiver)
    {
        while (true)
        {
            string text;
            if (!forReceiver)
            {
                text = $"amqp:/_$temp.{Discriminator()}";
            }
            else
            {
                string van = VanId is null ? "" : VanId + "/";
                text = IsEdge ? $"amqp:/_edge/{Id}/{van}temp.{Discriminator()}" : $"amqp:/_topo/0/{Id}/{van}temp.{Discriminator()}";
            }

            string key = KeyFor(text);
            var entry = new Address(key, Treatment.AnycastBalanced);
            if (_addresses.TryAdd(key, entry))
            {
                return (text, entry);
            }
        }
    }

    /// <summary>Removes an address nobody uses any more.</summary>
    public void RemoveIfUnused(Address address)
    {
        if (address.IsUnused)
        {
            ((ICollection<KeyValuePair<string, Address>>)_addresses).Remove(new KeyValuePair<string, Address>(address.Key, address));
        }
    }

    /// <summary>15 random characters from [a-zA-Z0-9+_] (the C router's discriminator).</summary>
    public static string Discriminator(int length = 15)
    {
        Span<char> chars = stackalloc char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = DiscriminatorChars[Random.Shared.Next(DiscriminatorChars.Length)];
        }

        return new string(chars);
    }

    // ---- link binding --------------------------------------------------------------------------------------------

    /// <summary>A consumer (outgoing link) attaches to <paramref name="address"/>; producers get credit if it is the first.</summary>
    public void BindConsumer(RouterLink link, Address address, ActionList actions)
    {
        link.Address = address;
        Links[link.Identity] = link;
        if (address.AddConsumer(link))
        {
            foreach (var producer in address.Producers)
            {
                actions.IssueCredit(producer, producer.Capacity);
            }

            address.RaiseReachability(true);
        }
    }

    public void UnbindConsumer(RouterLink link)
    {
        Links.TryRemove(link.Identity, out _);
        var address = link.Address;
        if (address is not null)
        {
            if (address.RemoveConsumer(link))
            {
                address.RaiseReachability(false);
            }

            RemoveIfUnused(address);
        }
    }

    /// <summary>
    /// Watches an address (by its string form) for reachability: the address is created and pinned so the callback
    /// survives consumers coming and going. Returns the address and whether it is reachable now.
    /// </summary>
    public Address Watch(string address, Action<Address, bool> callback, out bool reachable)
    {
        var entry = GetOrCreate(KeyFor(address));
        entry.Pinned = true;
        entry.ReachabilityChanged += callback;
        reachable = entry.HasConsumers;
        return entry;
    }

    public void Unwatch(Address address, Action<Address, bool> callback)
    {
        address.ReachabilityChanged -= callback;
        if (!address.HasReachabilityWatchers)
        {
            address.Pinned = false;
            RemoveIfUnused(address);
        }
    }

    /// <summary>A producer (incoming link) attaches; returns the initial credit to grant (capacity if reachable, else 0).</summary>
    public int BindProducer(RouterLink link, Address? address)
    {
        link.Address = address;
        Links[link.Identity] = link;
        if (address is null)
        {
            return link.Capacity; // anonymous: each delivery is routed by its `to`
        }

        address.AddProducer(link);
        return address.HasConsumers || address.InProcess ? link.Capacity : 0;
    }

    public void UnbindProducer(RouterLink link)
    {
        Links.TryRemove(link.Identity, out _);
        var address = link.Address;
        if (address is not null)
        {
            address.RemoveProducer(link);
            RemoveIfUnused(address);
        }
    }
}
