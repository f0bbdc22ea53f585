namespace Skrouterd.Routing;

/// <summary>
/// User-service connections per protocol, as the C router counts them (management `connectionCounters`, metrics
/// `qdr_*_service_connections`): AMQP client connections (role normal) and adaptor connections, a tcpConnector's
/// egress-dispatch connection included (tcp_adaptor.c counts it).
/// </summary>
internal readonly record struct ServiceConnectionCounts(ulong Tcp, ulong Amqp, ulong Http1, ulong Http2)
{
    public static ServiceConnectionCounts Of(RouterCore core)
    {
        ulong tcp = 0, amqp = 0, http1 = 0, http2 = 0;
        foreach (var (_, connection) in core.Connections)
        {
            switch (connection.Protocol)
            {
                case "amqp" when connection.Role == ConnectionRole.Normal:
                    amqp++;
                    break;
                case "tcp" or "tcp_lite":
                    tcp++;
                    break;
                case "http/1.x":
                    http1++;
                    break;
                case "http2":
                    http2++;
                    break;
            }
        }

        return new ServiceConnectionCounts(tcp, amqp, http1, http2);
    }
}
