namespace Skrouterd.Routing.InProcess;

/// <summary>
/// The connection an in-process endpoint's links belong to. Adaptor connections are registered with the core so
/// management lists them (`skstat -c`); the management agent's is not (the C router's agent is an in-process
/// subscription, not a connection).
/// </summary>
internal sealed class InProcessConnection : RouterConnection
{
    private readonly string _protocol;
    private readonly IInProcessConnectionOwner? _owner;

    public InProcessConnection(RouterCore core, string protocol, string container, string host, bool incoming, bool register,
        IInProcessConnectionOwner? owner = null)
        : base(core, ConnectionRole.Normal, incoming)
    {
        _protocol = protocol;
        _owner = owner;
        Container = container;
        Host = host;
        IsOpened = true;
        IsRegistered = register;
        if (register)
        {
            core.Connections[Identity] = this;
        }
    }

    public bool IsRegistered { get; }

    public override string Protocol => _protocol;

    public override void ForceClose(string condition, string description)
    {
        IsClosing = true;
        _owner?.OnForceClose(condition, description);
    }

    public void Unregister()
    {
        if (IsRegistered)
        {
            Core.Connections.TryRemove(Identity, out _);
        }
    }
}
