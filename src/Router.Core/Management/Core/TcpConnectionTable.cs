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

    public override IReadOnlyList<object> Rows() => [.. Context.TcpConnections()];

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
