namespace Skrouterd.Logging;

/// <summary>
/// A <c>log</c> entity could not be applied: bad module, bad <c>enable</c> string, or an output file that cannot
/// be opened. At configuration load this is a start-up error; for a management UPDATE the agent answers with an error
/// status carrying <see cref="Exception.Message"/>.
/// </summary>
internal sealed class LogConfigException : Exception
{
    public LogConfigException(string message)
        : base(message)
    {
    }

    public LogConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
