namespace Skrouterd.Management;

/// <summary>
/// Optional second interface of a protocol adaptor's <see cref="Hosting.IAdaptorEntityHost"/>: the live flows it
/// carries, listed by management as <c>tcpConnection</c> and <c>httpRequestInfo</c> entities. Read on the
/// management agent's loop; return snapshots.
/// </summary>
internal interface IAdaptorConnectionSource
{
    /// <summary>Current <c>tcpConnection</c> rows (empty for an HTTP-only adaptor).</summary>
    IEnumerable<TcpConnectionInfo> TcpConnections { get; }

    /// <summary>Current <c>httpRequestInfo</c> rows (empty for a TCP-only adaptor).</summary>
    IEnumerable<HttpRequestInfoRecord> HttpRequests { get; }
}
