using System.Text;
using Skrouterd.Server.Http;
using Xunit;

namespace Skrouterd.Tests.Server;

/// <summary>The HTTP listener's request-head parser: whole heads, heads that arrive in pieces, and bad input.</summary>
public sealed class HttpRequestHeadTests
{
    private static HttpRequestHead.ParseResult Parse(string text, out HttpRequestHead? head, out int length) =>
        HttpRequestHead.TryParse(Encoding.ASCII.GetBytes(text), out head, out length);

    [Fact(Timeout = 10_000)]
    public async Task ProbeRequest_ParsedWithItsLength()
    {
        await Task.Yield();
        const string Request = "GET /healthz?x=1 HTTP/1.1\r\nHost: 10.0.0.1:9090\r\nUser-Agent: kube-probe/1.29\r\nAccept: */*\r\n\r\nNEXT";
        Assert.Equal(HttpRequestHead.ParseResult.Complete, Parse(Request, out var head, out int length));
        Assert.Equal(Request.Length - "NEXT".Length, length);
        Assert.Equal(("GET", "/healthz?x=1", "/healthz", true, true, 0L, false, false),
            (head!.Method, head.Target, head.Path, head.Http11, head.KeepAlive, head.ContentLength, head.Chunked, head.WebSocketUpgrade));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("GET / HTTP/1.0\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.1\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.1\r\nconnection: Upgrade, close\r\n\r\n", false)]
    public async Task KeepAlive_FollowsVersionAndConnectionHeader(string request, bool keepAlive)
    {
        await Task.Yield();
        Assert.Equal(HttpRequestHead.ParseResult.Complete, Parse(request, out var head, out _));
        Assert.Equal(keepAlive, head!.KeepAlive);
    }

    [Fact(Timeout = 10_000)]
    public async Task BodyAndUpgradeFields_Read()
    {
        await Task.Yield();
        Assert.Equal(HttpRequestHead.ParseResult.Complete,
            Parse("POST /x HTTP/1.1\r\nContent-Length: 12\r\nTransfer-Encoding: gzip, chunked\r\nUpgrade: websocket\r\n\r\n", out var head, out _));
        Assert.Equal((12L, true, true), (head!.ContentLength, head.Chunked, head.WebSocketUpgrade));
    }

    [Fact(Timeout = 10_000)]
    public async Task SplitAtEveryOffset_IncompleteUntilTheBlankLine()
    {
        await Task.Yield();
        var bytes = Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n");
        for (int i = 0; i < bytes.Length; i++)
        {
            Assert.Equal(HttpRequestHead.ParseResult.Incomplete, HttpRequestHead.TryParse(bytes.AsSpan(0, i), out _, out _));
        }

        Assert.Equal(HttpRequestHead.ParseResult.Complete, HttpRequestHead.TryParse(bytes, out _, out int length));
        Assert.Equal(bytes.Length, length);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET /x HTTP/2.0\r\n\r\n")]
    [InlineData("GET  HTTP/1.1\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\n\r\n")]
    [InlineData("GET /a b HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nNo colon here\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\n folded: line\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")]
    public async Task BadHeads_Malformed(string request)
    {
        await Task.Yield();
        Assert.Equal(HttpRequestHead.ParseResult.Malformed, Parse(request, out _, out _));
    }

    [Fact(Timeout = 10_000)]
    public async Task OversizeHead_TooLarge_WithOrWithoutItsEnd()
    {
        await Task.Yield();
        string big = "GET / HTTP/1.1\r\nX-Big: " + new string('a', HttpRequestHead.MaxLength) + "\r\n";
        Assert.Equal(HttpRequestHead.ParseResult.TooLarge, Parse(big, out _, out _));
        Assert.Equal(HttpRequestHead.ParseResult.TooLarge, Parse(big + "\r\n", out _, out _));
    }

    [Fact(Timeout = 30_000)]
    public async Task RandomBytes_NeverThrow()
    {
        await Task.Yield();
        var random = new Random(7);
        var buffer = new byte[512];
        for (int i = 0; i < 20_000; i++)
        {
            int n = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, n));
            if (i % 2 == 0 && n > 4)
            {
                "\r\n\r\n"u8.CopyTo(buffer.AsSpan(random.Next(n - 3)));
            }

            var result = HttpRequestHead.TryParse(buffer.AsSpan(0, n), out var head, out _);
            Assert.Equal(result == HttpRequestHead.ParseResult.Complete, head is not null);
        }
    }
}
