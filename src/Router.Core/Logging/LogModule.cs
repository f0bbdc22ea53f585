namespace Skrouterd.Logging;

/// <summary>
/// The router's log modules, in the order of the C router's <c>qd_log_module_t</c> enum and of the
/// <c>log.module</c> schema enum. The numeric value indexes per-module tables; QUERY lists modules in this order.
/// </summary>
public enum LogModule
{
    Router,
    RouterCore,
    RouterHello,
    RouterLs,
    RouterMa,
    Message,
    Server,
    Agent,
    Container,
    Error,
    Policy,
    Http,
    ConnMgr,
    Python,
    Protocol,
    TcpAdaptor,
    HttpAdaptor,
    FlowLog,
    AddressWatch,
    Default,
}
