using System.Globalization;

namespace Skrouterd.Management;

/// <summary><c>io.skupper.router.tcpConnection</c> (tcp_adaptor.c columns), rows supplied by the TCP adaptor.</summary>
internal sealed class TcpConnectionTable : CoreTable
{
    public const string TypeName = "io.skupper.router.tcpConnection";

    private static readonly string[] s_columns =
    [
        "name", "identity", "address", "host", "direction", "bytesIn", "bytesOut", "uptimeSeconds", "lastInSeconds",
        "lastOutSeconds",
    ];

    public TcpConnectionTable(ManagementContext context)
        : base(context, TypeName, s_columns)
    {
    }

    /// <summary>
    /// In connection-id order: the C adaptor lists its connections in the order they were added, the client side at
    /// accept and the server side once the flow reached its connector (later, with a higher id). The adaptor's own
    /// collection has no stable order, which paging (offset/count) needs too.
    /// </summary>
    public override IReadOnlyList<object> Rows() => [.. Context.TcpConnections().OrderBy(c => c.Identity)];

    public override object? Value(object row, int column)
    {
        var c = (TcpConnectionInfo)row;
        return column switch
        {
            0 => c.Name,
            1 => c.Identity.ToString(CultureInfo.InvariantCulture),
            2 => c.Address,
            3 => c.Host,
            4 => c.Ingress ? "in" : "out",
            5 => unchecked((uint)c.BytesIn),
            6 => unchecked((uint)c.BytesOut),
            7 => unchecked((uint)c.UptimeSeconds),
            8 => c.LastInSeconds is long i ? unchecked((uint)i) : null,
            9 => c.LastOutSeconds is long o ? unchecked((uint)o) : null,
            _ => null,
        };
    }
}
