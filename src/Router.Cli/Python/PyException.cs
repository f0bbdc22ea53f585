namespace Skrouterd.Cli.Python;

/// <summary>
/// An error the tools report the way the Python tools do: <c>&lt;ClassName&gt;: &lt;message&gt;</c> on stdout and exit
/// code 1 (R:python/skupper_router_internal/tools/command.py <c>main</c>). <see cref="ClassName"/> is the name of the
/// Python exception class the C router's tools would raise for the same failure.
/// </summary>
internal class PyException : Exception
{
    public PyException(string className, string message)
        : base(message)
    {
        ClassName = className;
    }

    public string ClassName { get; }

    /// <summary>The line the tools print for this error.</summary>
    public string ToolLine => ClassName + ": " + Message;
}
