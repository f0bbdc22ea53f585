namespace Skrouterd.Cli.CommandLine;

/// <summary>
/// Ends the tool from argument handling the way argparse does: help and version print to stdout and exit 0; usage
/// errors print the usage and <c>&lt;prog&gt;: error: &lt;message&gt;</c> to stderr and exit 2.
/// </summary>
internal sealed class CommandLineExit : Exception
{
    public CommandLineExit(int exitCode, string? stdout, string? stderr)
        : base(stderr ?? stdout)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
    }

    public int ExitCode { get; }

    public string? Stdout { get; }

    public string? Stderr { get; }
}
