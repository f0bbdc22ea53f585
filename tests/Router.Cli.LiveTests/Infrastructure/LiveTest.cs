using System.Net;
using System.Net.Sockets;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Skrouterd.Cli.LiveTests.Infrastructure;

/// <summary>
/// Base of the live tests: the interop fixture (routers and proton clients as child processes, cleaned up after
/// every test) plus runs of the built skstat and skmanage against a router's listener.
/// </summary>
public abstract class LiveTest(ITestOutputHelper output) : InteropTest(output)
{
    /// <summary>Limit for one tool run (its own --timeout is 5 s per request).</summary>
    protected static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Limit for waiting on a state the router reaches asynchronously (a connector's connection).</summary>
    protected static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(20);

    private protected async Task<ToolRun> SkstatAsync(RouterProcess router, params string[] arguments) =>
        await RunToolAsync(CliLayout.SkstatDll, ["-b", Bus(router), .. arguments]);

    private protected async Task<ToolRun> SkmanageAsync(RouterProcess router, params string[] arguments) =>
        await RunToolAsync(CliLayout.SkmanageDll, [.. arguments, "-b", Bus(router)]);

    /// <summary>Runs a tool with exactly <paramref name="arguments"/> (no -b added).</summary>
    private protected async Task<ToolRun> RunToolAsync(string dll, string[] arguments)
    {
        var run = await ToolRun.RunAsync(dll, arguments, ToolTimeout);
        Output.WriteLine(run.ToString());
        return run;
    }

    /// <summary>skstat output lines after the date/router-id header (exit code 0 and empty stderr checked).</summary>
    private protected async Task<string[]> SkstatBodyAsync(RouterProcess router, params string[] arguments)
    {
        var run = await SkstatAsync(router, arguments);
        Xunit.Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.ToString());
        return SkstatTable.AfterHeader(run.Lines, router.Id);
    }

    /// <summary>Runs skstat and parses the one table it prints after the header.</summary>
    private protected async Task<SkstatTable> SkstatTableAsync(RouterProcess router, string title, string[] headings, params string[] arguments)
    {
        var body = await SkstatBodyAsync(router, arguments);
        int index = 0;
        var table = SkstatTable.Parse(body, ref index, title, headings);
        Xunit.Assert.Equal(body.Length, index);
        return table;
    }

    /// <summary>Repeats <paramref name="probe"/> until it returns true (no fixed sleeps: each probe is a tool run).</summary>
    private protected async Task WaitUntilAsync(string what, Func<Task<bool>> probe)
    {
        var deadline = DateTime.UtcNow + StateTimeout;
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {StateTimeout.TotalSeconds:0}s");
            }
        }
    }

    private protected static string Bus(RouterProcess router, string listener = "amqp") => $"127.0.0.1:{router.Port(listener)}";

    /// <summary>A loopback port nothing listens on right now.</summary>
    protected static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
