using System.Text;

namespace Skrouterd.Cli.Hosting;

/// <summary>The tool's standard streams (UTF-8, "\n" line ends as Python prints them); tests pass their own.</summary>
internal sealed class ToolConsole
{
    public ToolConsole(TextWriter output, TextWriter error, TextReader input)
    {
        Out = output;
        Error = error;
        In = input;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public TextReader In { get; }

    public static ToolConsole CreateSystem()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true, NewLine = "\n" };
        var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true, NewLine = "\n" };
        var stdin = new StreamReader(Console.OpenStandardInput(), utf8);
        return new ToolConsole(stdout, stderr, stdin);
    }
}
