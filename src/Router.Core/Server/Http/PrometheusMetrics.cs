using System.Globalization;
using System.Text;
using Skrouterd.Management;
using Skrouterd.Routing;

namespace Skrouterd.Server.Http;

/// <summary>
/// The `/metrics` body (management-and-deployment.md §4): for each metric a `# TYPE name counter|gauge` line and a
/// `name value` line, in the C router's order — the router's global statistics, the pool metric, process memory, and
/// user-service connections per protocol. The C router's per-type allocator metrics (`qd_message_t:allocated`, ...)
/// describe its C pools and have no equivalent here; `qdr_alloc_pool_bytes` reports the managed heap instead.
/// </summary>
internal static class PrometheusMetrics
{
    public static string Render(RouterCore core, int remoteRouters)
    {
        var c = core.Counters;
        var text = new StringBuilder(2048);
        Gauge(text, "qdr_connections_total", (ulong)core.Connections.Count);
        Gauge(text, "qdr_links_total", (ulong)core.Links.Count);
        Gauge(text, "qdr_addresses_total", (ulong)core.Addresses.Count);
        Gauge(text, "qdr_routers_total", (ulong)remoteRouters); // the other routers, as the router entity's nodeCount
        Counter(text, "qdr_presettled_deliveries_total", c.PresettledDeliveries);
        Counter(text, "qdr_dropped_presettled_deliveries_total", c.DroppedPresettledDeliveries);
        Counter(text, "qdr_accepted_deliveries_total", c.Outcomes.Accepted);
        Counter(text, "qdr_released_deliveries_total", c.Outcomes.Released);
        Counter(text, "qdr_rejected_deliveries_total", c.Outcomes.Rejected);
        Counter(text, "qdr_modified_deliveries_total", c.Outcomes.Modified);
        Counter(text, "qdr_deliveries_ingress_total", c.DeliveriesIngress);
        Counter(text, "qdr_deliveries_egress_total", c.DeliveriesEgress);
        Counter(text, "qdr_deliveries_transit_total", c.DeliveriesTransit);
        Counter(text, "qdr_deliveries_delayed_1sec_total", c.DeliveriesDelayed1Sec);
        Counter(text, "qdr_deliveries_delayed_10sec_total", c.DeliveriesDelayed10Sec);
        Gauge(text, "qdr_deliveries_stuck_total", 0);
        Gauge(text, "qdr_links_blocked_total", 0);
        Gauge(text, "qdr_alloc_pool_bytes", (ulong)Math.Max(0, GC.GetGCMemoryInfo().HeapSizeBytes));
        var (vmsize, rss) = ProcessMemory.Read();
        if (vmsize is { } v)
        {
            Gauge(text, "qdr_router_vmsize_bytes", v);
        }

        if (rss is { } r)
        {
            Gauge(text, "qdr_router_rss_bytes", r);
        }

        var services = ServiceConnectionCounts.Of(core);
        Gauge(text, "qdr_tcp_service_connections", services.Tcp);
        Gauge(text, "qdr_amqp_service_connections", services.Amqp);
        Gauge(text, "qdr_http1_service_connections", services.Http1);
        Gauge(text, "qdr_http2_service_connections", services.Http2);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, long value) => Metric(text, name, "counter", value < 0 ? 0 : (ulong)value);

    private static void Gauge(StringBuilder text, string name, ulong value) => Metric(text, name, "gauge", value);

    private static void Metric(StringBuilder text, string name, string type, ulong value) =>
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
