namespace Skrouterd.Server;

/// <summary>A connector's attempt failed during set-up, with the condition and description the C router reports.</summary>
internal sealed class AmqpConnectFailure : Exception
{
    public AmqpConnectFailure(string condition, string description)
        : base(description)
    {
        Condition = condition;
    }

    public string Condition { get; }
}
