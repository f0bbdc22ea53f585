namespace Skrouterd.Tcp;

/// <summary>Counters of a tcpListener or tcpConnector (management read-only attributes), updated lock-free.</summary>
internal sealed class TcpEndpointCounters
{
    public long ConnectionsOpened;
    public long ConnectionsClosed;
    public long BytesIn;
    public long BytesOut;
}
