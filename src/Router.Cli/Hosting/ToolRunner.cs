using Skrouterd.Cli.CommandLine;
using Skrouterd.Cli.Python;
using Skrouterd.Management;

namespace Skrouterd.Cli.Hosting;

/// <summary>
/// Runs a tool body with the Python tools' ending rules (command.py <c>main</c>): argparse exits as they are
/// (help/version 0, usage errors 2 on stderr), any other failure prints <c>&lt;ClassName&gt;: &lt;message&gt;</c> on
/// stdout and exits 1, Ctrl-C prints an empty line and exits 1.
/// </summary>
internal static class ToolRunner
{
    public static async Task<int> RunAsync(ToolConsole console, Func<Task> body)
    {
        try
        {
            await body().ConfigureAwait(false);
            return 0;
        }
        catch (CommandLineExit exit)
        {
            if (exit.Stdout is not null)
            {
                await console.Out.WriteAsync(exit.Stdout).ConfigureAwait(false);
            }

            if (exit.Stderr is not null)
            {
                await console.Error.WriteAsync(exit.Stderr).ConfigureAwait(false);
            }

            return exit.ExitCode;
        }
        catch (PyException e)
        {
            await console.Out.WriteAsync(e.ToolLine + "\n").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Out.WriteAsync(PythonOsError(e) + "\n").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e)
        {
            // The process boundary: like command.py main, any other failure is one line and exit status 1.
            await console.Out.WriteAsync(e.GetType().Name + ": " + e.Message + "\n").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>How Python would print a failed file open (e.g. --ssl-password-file).</summary>
    private static string PythonOsError(Exception e) => e switch
    {
        FileNotFoundException f => $"FileNotFoundError: [Errno 2] No such file or directory: {PythonRepr.StringRepr(f.FileName ?? "")}",
        DirectoryNotFoundException => $"FileNotFoundError: [Errno 2] No such file or directory: {e.Message}",
        UnauthorizedAccessException => $"PermissionError: [Errno 13] Permission denied: {e.Message}",
        _ => $"OSError: {e.Message}",
    };

    /// <summary>Process entry: the system console; Ctrl-C prints an empty line and exits 1 as the Python tools do.</summary>
    public static Task<int> MainAsync(Func<ToolConsole, Task<int>> tool)
    {
        var console = ToolConsole.CreateSystem();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            console.Out.Write("\n");
            Environment.Exit(1);
        };
        return tool(console);
    }
}
