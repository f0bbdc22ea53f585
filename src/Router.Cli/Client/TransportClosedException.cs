namespace Skrouterd.Cli.Client;

/// <summary>The socket ended or failed; <see cref="Condition"/> is the transport condition as proton prints it.</summary>
internal sealed class TransportClosedException : Exception
{
    public TransportClosedException(string condition)
        : base(condition)
    {
        Condition = condition;
    }

    public string Condition { get; }
}
