using System.Diagnostics;
using System.Text.Json;

namespace Skrouterd.Tests.Management.Live;

/// <summary>
/// Runs management clients written with Debian's python3-qpid-proton (the library skmanage/skstat use). Each script
/// gets the shared helpers of <see cref="Prelude"/>, is bounded by a timeout and prints one JSON document per line.
/// </summary>
internal static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Helpers every script starts with: a blocking management client and <c>emit</c>.</summary>
    public const string Prelude = """
        import sys, json, time
        from proton import Message, ulong, symbol
        from proton.utils import BlockingConnection

        URL = sys.argv[1]
        ARGS = sys.argv[2:]

        class Mgmt:
            def __init__(self, url=URL, address="$management"):
                self.conn = BlockingConnection(url, timeout=20)
                self.rcv = self.conn.create_receiver(None, dynamic=True, credit=500)
                self.reply_to = self.rcv.remote_source.address
                self.snd = self.conn.create_sender(address)
                self.next_id = 1

            def call(self, props, body=None, cid=None):
                if cid is None:
                    cid = ulong(self.next_id)
                    self.next_id += 1
                self.snd.send(Message(reply_to=self.reply_to, correlation_id=cid, properties=props,
                                      body={} if body is None else body))
                return self.rcv.receive(timeout=20)  # replies are pre-settled: nothing to accept

            def close(self):
                self.conn.close()

        def summary(r):
            return {"status": r.properties["statusCode"], "description": r.properties["statusDescription"],
                    "keys": list(r.properties.keys()), "cid": r.correlation_id,
                    "cid_type": type(r.correlation_id).__name__, "body": r.body}

        def emit(value):
            print(json.dumps(value), flush=True)

        """;

    private static readonly Lazy<bool> s_available = new(() =>
    {
        if (!File.Exists(Interpreter))
        {
            return false;
        }

        using var p = Process.Start(new ProcessStartInfo(Interpreter, ["-c", "import proton"]) { RedirectStandardError = true });
        return p!.WaitForExit(30_000) && p.ExitCode == 0;
    });

    /// <summary>True when python3 with qpid-proton is installed.</summary>
    public static bool Available => s_available.Value;

    /// <summary>Why a live test cannot run without it.</summary>
    public const string Missing = "/usr/bin/python3 with qpid-proton is required: scripts/test.sh installs python3-qpid-proton";

    /// <summary>Runs <paramref name="script"/> (after the prelude) with the router URL; returns its output lines as JSON.</summary>
    public static async Task<List<JsonElement>> RunAsync(string script, string url, params string[] args)
    {
        string path = Path.Combine(Path.GetTempPath(), $"skrouterd-mgmt-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(path, Prelude + script);
        try
        {
            var start = new ProcessStartInfo(Interpreter, [path, url, .. args])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"python client timed out: {await stderr}");
            }

            string output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"python client failed ({process.ExitCode}):\n{await stderr}\n{output}");
            }

            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
