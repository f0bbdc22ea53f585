namespace Skrouterd.Management;

/// <summary>
/// One <c>httpRequestInfo</c> row (the C router's http_common.c columns): <c>name</c> = <c>identity</c> = the
/// record key, <c>address</c>, <c>host</c>, <c>site</c>, <c>direction</c>, request and byte counts,
/// <c>maxLatency</c>, and <c>details</c> (method/status key → request count, in order).
/// </summary>
internal sealed record HttpRequestInfoRecord(
    string Key,
    string Address,
    string Host,
    string Site,
    bool Ingress,
    long Requests,
    long BytesIn,
    long BytesOut,
    long MaxLatency,
    IReadOnlyList<KeyValuePair<string, int>> Details);
