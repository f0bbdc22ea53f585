using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management;

/// <summary><c>io.skupper.router.httpRequestInfo</c> (http_common.c columns), rows supplied by the HTTP adaptor.</summary>
internal sealed class HttpRequestInfoTable : CoreTable
{
    public const string TypeName = "io.skupper.router.httpRequestInfo";

    private static readonly string[] s_columns =
    [
        "name", "identity", "address", "host", "site", "direction", "requests", "bytesIn", "bytesOut", "maxLatency",
        "details",
    ];

    public HttpRequestInfoTable(ManagementContext context)
        : base(context, TypeName, s_columns)
    {
    }

    public override IReadOnlyList<object> Rows() => [.. Context.HttpRequests()];

    public override object? Value(object row, int column)
    {
        var r = (HttpRequestInfoRecord)row;
        return column switch
        {
            0 or 1 => r.Key,
            2 => r.Address,
            3 => r.Host,
            4 => r.Site,
            5 => r.Ingress ? "in" : "out",
            6 => unchecked((uint)r.Requests),
            7 => unchecked((uint)r.BytesIn),
            8 => unchecked((uint)r.BytesOut),
            9 => unchecked((uint)r.MaxLatency),
            10 => Details(r.Details),
            _ => null,
        };
    }

    private static AmqpMap Details(IReadOnlyList<KeyValuePair<string, int>> details)
    {
        var map = new AmqpMap(details.Count);
        foreach (var d in details)
        {
            map.Add(d.Key, d.Value);
        }

        return map;
    }
}
