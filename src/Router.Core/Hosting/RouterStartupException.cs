namespace Skrouterd.Hosting;

/// <summary>Start-up cannot complete (the C router logs `Router start-up failed: &lt;msg&gt;` and exits 1).</summary>
public sealed class RouterStartupException : Exception
{
    public RouterStartupException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
