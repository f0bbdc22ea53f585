namespace Skrouterd.Management.Schema;

/// <summary>
/// The 2.7.6 management schema as a static table: one partial file per entity type, listed here in schema order.
/// </summary>
internal static partial class SchemaTable
{
    public static EntityTypeSchema[] CreateAll() =>
    [
        Entity(),
        OrgAmqpManagement(),
        Management(),
        ConfigurationEntity(),
        OperationalEntity(),
        Router(),
        SslProfile(),
        Listener(),
        Connector(),
        HttpListener(),
        HttpConnector(),
        HttpRequestInfo(),
        TcpListener(),
        TcpConnector(),
        Log(),
        LogStats(),
        RouterConfigAddress(),
        RouterConfigAutoLink(),
        RouterLink(),
        RouterAddress(),
        RouterNode(),
        Connection(),
        TcpConnection(),
        Allocator(),
        Policy(),
        Vhost(),
        VhostUserGroupSettings(),
        VhostStats(),
        Dummy(),
    ];
}
