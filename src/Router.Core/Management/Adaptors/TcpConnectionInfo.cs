namespace Skrouterd.Management;

/// <summary>
/// One <c>tcpConnection</c> row (the C router's tcp_adaptor.c columns): <c>name</c> (global flow id),
/// <c>identity</c> (connection id), <c>address</c>, <c>host</c> (the peer's address), <c>direction</c>
/// (<c>in</c> for flows accepted by a tcpListener, <c>out</c> for a tcpConnector's), byte counts, and ages in
/// seconds (<c>lastInSeconds</c>/<c>lastOutSeconds</c> null until data has moved that way).
/// </summary>
internal sealed record TcpConnectionInfo(
    string Name,
    long Identity,
    string Address,
    string Host,
    bool Ingress,
    long BytesIn,
    long BytesOut,
    long UptimeSeconds,
    long? LastInSeconds,
    long? LastOutSeconds);
