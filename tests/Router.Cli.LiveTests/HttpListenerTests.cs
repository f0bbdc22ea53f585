using System.Net;
using System.Net.Sockets;
using System.Text;
using Skrouterd.Cli.LiveTests.Infrastructure;
using Skrouterd.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Skrouterd.Cli.LiveTests;

/// <summary>
/// A `listener` with `http: true` (management-and-deployment.md §4), driven with curl: the health probe Kubernetes runs
/// against Skupper's site router (`GET :9090/healthz` → 200 `OK\n`), `/metrics` in Prometheus text with the C router's
/// metric names in its order, static files from `httpRootDir` (404 with Skupper's `disabled`), keep-alive, TLS through
/// an sslProfile, CREATE and DELETE by skmanage, and a malformed request answered 400 without disturbing anything else.
/// </summary>
public sealed class HttpListenerTests(ITestOutputHelper output) : ManagementLiveTest(output)
{
    private static readonly TimeSpan CurlTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The C router's metric names, in its order (http-libwebsockets.c), without the per-type allocator ones.</summary>
    private static readonly string[] s_metrics =
    [
        "qdr_connections_total", "qdr_links_total", "qdr_addresses_total", "qdr_routers_total",
        "qdr_presettled_deliveries_total", "qdr_dropped_presettled_deliveries_total", "qdr_accepted_deliveries_total",
        "qdr_released_deliveries_total", "qdr_rejected_deliveries_total", "qdr_modified_deliveries_total",
        "qdr_deliveries_ingress_total", "qdr_deliveries_egress_total", "qdr_deliveries_transit_total",
        "qdr_deliveries_delayed_1sec_total", "qdr_deliveries_delayed_10sec_total", "qdr_deliveries_stuck_total",
        "qdr_links_blocked_total", "qdr_alloc_pool_bytes", "qdr_router_vmsize_bytes", "qdr_router_rss_bytes",
        "qdr_tcp_service_connections", "qdr_amqp_service_connections", "qdr_http1_service_connections",
        "qdr_http2_service_connections",
    ];

    private static readonly HashSet<string> s_counters =
    [
        "qdr_presettled_deliveries_total", "qdr_dropped_presettled_deliveries_total", "qdr_accepted_deliveries_total",
        "qdr_released_deliveries_total", "qdr_rejected_deliveries_total", "qdr_modified_deliveries_total",
        "qdr_deliveries_ingress_total", "qdr_deliveries_egress_total", "qdr_deliveries_transit_total",
        "qdr_deliveries_delayed_1sec_total", "qdr_deliveries_delayed_10sec_total",
    ];

    private sealed record Response(int Status, Dictionary<string, string> Headers, string Body);

    /// <summary>Runs curl; returns its exit code, stdout and stderr.</summary>
    private async Task<(int Code, string Stdout, string Stderr)> CurlAsync(params string[] arguments)
    {
        using var curl = ChildProcess.Start("curl", "curl", ["--silent", "--show-error", "--max-time", "10", .. arguments]);
        int code = await curl.WaitForExitAsync(CurlTimeout);
        Output.WriteLine($"curl {string.Join(' ', arguments)} -> {code}\n{curl.Stdout}\n{curl.Stderr}");
        return (code, curl.Stdout, curl.Stderr);
    }

    /// <summary>One request with curl: status, headers (lower-case names) and body, exactly as received.</summary>
    private async Task<Response> GetAsync(string url, params string[] extra)
    {
        string id = Guid.NewGuid().ToString("N");
        string headerFile = Path.Combine(TempDir, id + ".head");
        string bodyFile = Path.Combine(TempDir, id + ".body");
        var (code, _, _) = await CurlAsync(["--dump-header", headerFile, "--output", bodyFile, .. extra, url]);
        Assert.Equal(0, code);
        var lines = (await File.ReadAllTextAsync(headerFile)).Split("\r\n");
        var status = lines[0].Split(' ');
        Assert.Equal("HTTP/1.1", status[0]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).TakeWhile(l => l.Length > 0))
        {
            int colon = line.IndexOf(':');
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        string body = File.Exists(bodyFile) ? await File.ReadAllTextAsync(bodyFile) : "";
        return new Response(int.Parse(status[1], System.Globalization.CultureInfo.InvariantCulture), headers, body);
    }

    private async Task<RouterProcess> StartAsync(params (string Key, object? Value)[] http) =>
        await StartRouterAsync(new RouterConfigBuilder("Live.Http")
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false))
            .Listener("http", [("http", true), .. http]));

    [Fact(Timeout = 90_000)]
    public async Task SkupperHttpListener_HealthzMetricsAndNotFound()
    {
        var router = await StartAsync(("httpRootDir", "disabled"), ("healthz", true), ("metrics", true));
        string url = $"http://127.0.0.1:{router.HttpPort("http")}";

        var health = await GetAsync(url + "/healthz");
        Assert.Equal((200, "text/plain", "3"), (health.Status, health.Headers["content-type"], health.Headers["content-length"]));
        Assert.Equal("OK\n", health.Body);

        // Traffic the metrics must show: a management request is a delivery accepted by the router.
        await GeneralAsync(router);
        var metrics = await GetAsync(url + "/metrics");
        Assert.Equal((200, "text/plain"), (metrics.Status, metrics.Headers["content-type"]));
        var lines = metrics.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(s_metrics.Length * 2, lines.Length);
        var values = new Dictionary<string, ulong>();
        for (int i = 0; i < s_metrics.Length; i++)
        {
            string name = s_metrics[i];
            string type = s_counters.Contains(name) ? "counter" : "gauge";
            Assert.Equal($"# TYPE {name} {type}", lines[2 * i]);
            var pair = lines[(2 * i) + 1].Split(' ');
            Assert.Equal(name, pair[0]);
            values[name] = ulong.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.True(values["qdr_accepted_deliveries_total"] >= 1, "the management request was not counted");
        Assert.Equal(0UL, values["qdr_routers_total"]); // a standalone router knows no other router (nodeCount 0)
        Assert.True(values["qdr_router_rss_bytes"] > 1_000_000);
        Assert.True(values["qdr_addresses_total"] >= 1);

        // Skupper's httpRootDir "disabled": no static files.
        Assert.Equal(404, (await GetAsync(url + "/index.html")).Status);
        Assert.Equal(404, (await GetAsync(url + "/")).Status);

        // Only GET and HEAD.
        var post = await GetAsync(url + "/healthz", "--request", "POST", "--data", "x");
        Assert.Equal(405, post.Status);
        var head = await GetAsync(url + "/healthz", "--head");
        // With --head curl writes the response head as its output: nothing follows the blank line.
        Assert.Equal((200, "3"), (head.Status, head.Headers["content-length"]));
        Assert.EndsWith("\r\n\r\n", head.Body);
    }

    [Fact(Timeout = 60_000)]
    public async Task KeepAlive_TwoRequestsOnOneConnection()
    {
        var router = await StartAsync(("httpRootDir", "disabled"));
        string url = $"http://127.0.0.1:{router.HttpPort("http")}/healthz";
        var (code, stdout, stderr) = await CurlAsync("--verbose", url, url);
        Assert.Equal(0, code);
        Assert.Equal("OK\nOK", stdout.TrimEnd('\n'));
        Assert.Contains("Re-using existing connection", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task StaticFiles_FromHttpRootDir_NoEscapeFromTheRoot()
    {
        string root = Path.Combine(TempDir, "html");
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<html>skupper</html>");
        await File.WriteAllTextAsync(Path.Combine(root, "sub", "data.json"), "{\"a\": 1}");
        await File.WriteAllTextAsync(Path.Combine(TempDir, "secret.txt"), "secret");
        var router = await StartAsync(("httpRootDir", root), ("healthz", false));
        string url = $"http://127.0.0.1:{router.HttpPort("http")}";

        var index = await GetAsync(url + "/");
        Assert.Equal((200, "text/html", "<html>skupper</html>"), (index.Status, index.Headers["content-type"], index.Body));
        var json = await GetAsync(url + "/sub/data.json");
        Assert.Equal((200, "application/json", "{\"a\": 1}"), (json.Status, json.Headers["content-type"], json.Body));
        Assert.Equal(404, (await GetAsync(url + "/../secret.txt", "--path-as-is")).Status);
        Assert.Equal(404, (await GetAsync(url + "/sub/%2e%2e/%2e%2e/secret.txt", "--path-as-is")).Status);
        Assert.Equal(404, (await GetAsync(url + "/healthz")).Status); // healthz: false, and no such file
    }

    [Fact(Timeout = 90_000)]
    public async Task CreatedByManagement_ServesHealthz_DeleteStopsIt()
    {
        var router = await StartRouterAsync(new RouterConfigBuilder("Live.HttpCreate")
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false)));
        int port = FreePort();
        var created = await SkmanageJsonAsync(router, "create", "--type", "listener", "--name", "probe",
            "host=127.0.0.1", $"port={port}", "http=true", "httpRootDir=disabled");
        Assert.Equal("io.skupper.router.listener", created.Str("type"));
        Assert.True(created.GetProperty("http").GetBoolean());

        var health = await GetAsync($"http://127.0.0.1:{port}/healthz");
        Assert.Equal((200, "OK\n"), (health.Status, health.Body));

        await SkmanageOkAsync(router, "delete", "--type", "listener", "--name", "probe");
        var (code, _, _) = await CurlAsync($"http://127.0.0.1:{port}/healthz");
        Assert.Equal(7, code); // curl: failed to connect
        await router.WaitForLogAsync($"Stopped listening for HTTP on 127.0.0.1:{port}", EventTimeout);
    }

    [Fact(Timeout = 60_000)]
    public async Task Tls_HealthzOverHttps_PlainRefusedWhenRequired()
    {
        var certs = await TestCertificates.GetAsync();
        var router = await StartRouterAsync(new RouterConfigBuilder("Live.HttpTls")
            .SslProfile("http-tls", certs.ServerCert, certs.ServerKey, certs.CaCert)
            .Listener("amqp", ("saslMechanisms", "ANONYMOUS"), ("authenticatePeer", false))
            .Listener("https", ("http", true), ("sslProfile", "http-tls"), ("requireSsl", true), ("httpRootDir", "disabled")));
        int port = router.HttpPort("https");

        var health = await GetAsync($"https://127.0.0.1:{port}/healthz", "--cacert", certs.CaCert);
        Assert.Equal((200, "OK\n"), (health.Status, health.Body));

        var (plain, _, _) = await CurlAsync($"http://127.0.0.1:{port}/healthz");
        Assert.NotEqual(0, plain);
        var (untrusted, _, _) = await CurlAsync($"https://127.0.0.1:{port}/healthz");
        Assert.Equal(60, untrusted); // curl: the server's certificate is not trusted
    }

    [Theory(Timeout = 60_000)]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET /healthz HTTP/9.9\r\n\r\n")]
    [InlineData("GET /healthz HTTP/1.1\r\nContent-Length: x\r\n\r\n")]
    public async Task MalformedRequest_Answered400_OthersKeepWorking(string request)
    {
        var router = await StartAsync(("httpRootDir", "disabled"));
        int port = router.HttpPort("http");

        // A client with a keep-alive connection open all along.
        using var steady = new TcpClient();
        await steady.ConnectAsync(IPAddress.Loopback, port);
        var steadyStream = steady.GetStream();
        await steadyStream.WriteAsync("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        Assert.StartsWith("HTTP/1.1 200 OK", await ReadResponseAsync(steadyStream));

        using (var bad = new TcpClient())
        {
            await bad.ConnectAsync(IPAddress.Loopback, port);
            var stream = bad.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            string answer = await ReadToEndAsync(stream);
            Assert.StartsWith("HTTP/1.1 400 Bad Request", answer);
            Assert.Contains("connection: close", answer);
        }

        await steadyStream.WriteAsync("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        Assert.StartsWith("HTTP/1.1 200 OK", await ReadResponseAsync(steadyStream));
        Assert.Equal(200, (await GetAsync($"http://127.0.0.1:{port}/healthz")).Status);
        await GeneralAsync(router); // AMQP management is not disturbed either
    }

    /// <summary>Reads one response with a content-length body.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(CurlTimeout);
        var buffer = new byte[4096];
        int filled = 0;
        while (true)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(filled), timeout.Token);
            Assert.NotEqual(0, n);
            filled += n;
            string text = Encoding.ASCII.GetString(buffer, 0, filled);
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = text.Split("\r\n").First(l => l.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase));
                int body = int.Parse(length["content-length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (filled >= end + 4 + body)
                {
                    return text;
                }
            }
        }
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(CurlTimeout);
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, timeout.Token);
        return Encoding.ASCII.GetString(all.ToArray());
    }
}
