using Skrouterd.Routing;

namespace Skrouterd.Tests.Management.Agent;

/// <summary>A connection registered with the core with chosen facts, recording force-closes.</summary>
internal sealed class FakeConnection : RouterConnection
{
    private readonly string _protocol;

    public FakeConnection(RouterCore core, ConnectionRole role, bool incoming, string host, string protocol = "amqp")
        : base(core, role, incoming)
    {
        _protocol = protocol;
        Host = host;
        Container = "peer-container";
        IsOpened = true;
        core.Connections[Identity] = this;
    }

    public override string Protocol => _protocol;

    public string? ClosedWith { get; private set; }

    public override void ForceClose(string condition, string description)
    {
        IsClosing = true;
        ClosedWith = $"{condition} {description}";
    }
}
