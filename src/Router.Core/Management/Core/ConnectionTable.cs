using System.Collections.Concurrent;
using Skrouterd.Amqp.Codec;
using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>
/// <c>io.skupper.router.connection</c> as the C agent answers it (agent_connection.c): 25 columns
/// (management-and-deployment.md §2.7.2), one row per open connection in identity order.
/// </summary>
internal sealed class ConnectionTable : CoreTable
{
    public const string TypeName = "io.skupper.router.connection";

    private static readonly string[] s_columns =
    [
        "name", "identity", "host", "role", "protocol", "dir", "container", "sasl", "isAuthenticated", "user",
        "isEncrypted", "sslProto", "sslCipher", "properties", "sslSsf", "type", "ssl", "opened", "active",
        "adminStatus", "operStatus", "uptimeSeconds", "lastDlvSeconds", "enableProtocolTrace", "meshId",
    ];

    public ConnectionTable(ManagementContext context)
        : base(context, TypeName, s_columns)
    {
    }

    /// <summary><c>enableProtocolTrace</c> as last set by UPDATE, per connection id.</summary>
    public ConcurrentDictionary<long, bool> ProtocolTrace { get; } = new();

    public override IReadOnlyList<object> Rows()
    {
        var rows = Context.Core.Connections.Values.OrderBy(c => c.Identity).ToArray<object>();
        if (ProtocolTrace.Count > 0)
        {
            foreach (long id in ProtocolTrace.Keys)
            {
                if (!Context.Core.Connections.ContainsKey(id))
                {
                    ProtocolTrace.TryRemove(id, out _);
                }
            }
        }

        return rows;
    }

    public override object? FindByIdentity(string identity) =>
        long.TryParse(identity, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id)
        && Context.Core.Connections.TryGetValue(id, out var c) && identity == id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? c
            : null;

    public override object? Value(object row, int column)
    {
        var c = (RouterConnection)row;
        return column switch
        {
            0 => "connection/" + c.Host,
            1 => c.Identity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            2 => c.Host,
            3 => ConnectionRoleNames.ToName(c.Role),
            4 => c.Protocol,
            5 => c.IsIncoming ? "in" : "out",
            6 => string.IsNullOrEmpty(c.Container) ? null : c.Container,
            7 => c.SaslMechanism,
            8 => c.IsAuthenticated,
            9 => c.User,
            10 => c.IsEncrypted,
            11 => string.IsNullOrEmpty(c.SslProtocol) ? null : c.SslProtocol,
            12 => string.IsNullOrEmpty(c.SslCipher) ? null : c.SslCipher,
            13 => Properties(c.PeerProperties),
            14 => (long)c.SslSsf,
            15 => TypeName,
            16 => c.IsEncrypted,
            17 => c.IsOpened,
            18 => true, // the active edge uplink is not tracked yet: every connection reports active
            19 => c.IsClosing ? "deleted" : "enabled",
            20 => c.IsClosing ? "closing" : "up",
            21 => Seconds((Context.Core.Clock.GetUtcNow() - c.OpenedAt).TotalSeconds),
            22 => c.LastDeliveryTick == 0 ? null : Seconds(Context.Ticks - (c.LastDeliveryTick - 1)),
            23 => ProtocolTrace.GetValueOrDefault(c.Identity),
            24 => null, // meshId: only for edge connections of an interior router with mesh discovery
            _ => null,
        };
    }

    /// <summary>
    /// The peer's open properties as the C agent reports them: string and symbol keys only, values that are strings
    /// (or symbols) or integers; anything else is left out.
    /// </summary>
    private static AmqpMap Properties(AmqpMap? peer)
    {
        var map = new AmqpMap();
        if (peer is null)
        {
            return map;
        }

        foreach (var e in peer)
        {
            string? key = e.Key switch
            {
                string s => s,
                AmqpSymbol y => y.Value,
                _ => null,
            };
            if (key is null)
            {
                continue;
            }

            object? value = e.Value switch
            {
                string s => s,
                AmqpSymbol y => y.Value,
                int i => i,
                long l => (int)l,
                short s => (int)s,
                sbyte b => (int)b,
                _ => null,
            };
            if (value is not null)
            {
                map.Add(key, value);
            }
        }

        return map;
    }

    private static uint Seconds(double seconds) => seconds <= 0 ? 0 : (uint)Math.Min(uint.MaxValue, Math.Floor(seconds));

    private static uint Seconds(long seconds) => seconds <= 0 ? 0 : (uint)Math.Min(uint.MaxValue, seconds);
}
