using System.Text;

namespace Skrouterd.Server.Http;

/// <summary>
/// The head of an HTTP/1.x request (RFC 9112 §2–§6): request line and the header fields the router's small HTTP
/// server needs. <see cref="TryParse"/> works on the bytes received so far.
/// </summary>
internal sealed record HttpRequestHead(string Method, string Target, bool Http11, bool KeepAlive, long ContentLength, bool Chunked, bool WebSocketUpgrade)
{
    /// <summary>The largest head accepted (request line and fields).</summary>
    public const int MaxLength = 16 * 1024;

    public enum ParseResult
    {
        /// <summary>The head is not complete yet.</summary>
        Incomplete,

        /// <summary>A head was read.</summary>
        Complete,

        /// <summary>Not an HTTP/1.x request head.</summary>
        Malformed,

        /// <summary>The head is longer than <see cref="MaxLength"/>.</summary>
        TooLarge,
    }

    /// <summary>The path part of the target (no query).</summary>
    public string Path => Target.IndexOf('?') is int q and >= 0 ? Target[..q] : Target;

    public static ParseResult TryParse(ReadOnlySpan<byte> buffer, out HttpRequestHead? head, out int length)
    {
        head = null;
        length = 0;
        int end = buffer.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return buffer.Length > MaxLength ? ParseResult.TooLarge : ParseResult.Incomplete;
        }

        if (end + 4 > MaxLength)
        {
            return ParseResult.TooLarge;
        }

        var text = buffer[..end];
        int lineEnd = text.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? text : text[..lineEnd];
        var fields = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : text[(lineEnd + 2)..];

        // request-line = method SP request-target SP HTTP-version
        int sp1 = requestLine.IndexOf((byte)' ');
        int sp2 = sp1 < 0 ? -1 : requestLine[(sp1 + 1)..].IndexOf((byte)' ');
        if (sp1 <= 0 || sp2 <= 0)
        {
            return ParseResult.Malformed;
        }

        var method = requestLine[..sp1];
        var target = requestLine.Slice(sp1 + 1, sp2);
        var version = requestLine[(sp1 + sp2 + 2)..];
        bool http11;
        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            http11 = true;
        }
        else if (version.SequenceEqual("HTTP/1.0"u8))
        {
            http11 = false;
        }
        else
        {
            return ParseResult.Malformed;
        }

        if (!IsToken(method) || target.Length == 0 || !IsVisible(target))
        {
            return ParseResult.Malformed;
        }

        bool keepAlive = http11;
        long contentLength = 0;
        bool chunked = false;
        bool upgrade = false;
        while (!fields.IsEmpty)
        {
            int next = fields.IndexOf("\r\n"u8);
            var line = next < 0 ? fields : fields[..next];
            fields = next < 0 ? ReadOnlySpan<byte>.Empty : fields[(next + 2)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return ParseResult.Malformed; // also rejects obsolete line folding (a line starting with white space)
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (value.IsEmpty || !long.TryParse(Encoding.ASCII.GetString(value), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out contentLength))
                {
                    return ParseResult.Malformed;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = true; // any transfer coding ends in chunked (RFC 9112 §6.3)
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                if (ContainsToken(value, "close"u8))
                {
                    keepAlive = false;
                }
                else if (ContainsToken(value, "keep-alive"u8))
                {
                    keepAlive = true;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "upgrade"u8))
            {
                upgrade = ContainsToken(value, "websocket"u8);
            }
        }

        head = new HttpRequestHead(Encoding.ASCII.GetString(method), Encoding.ASCII.GetString(target), http11, keepAlive, contentLength, chunked, upgrade);
        length = end + 4;
        return ParseResult.Complete;
    }

    private static bool ContainsToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        foreach (var range in list.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(list[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsToken(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (byte b in s)
        {
            bool ok = b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                || "!#$%&'*+-.^_`|~"u8.Contains(b);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVisible(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
        {
            if (b is <= 0x20 or >= 0x7f)
            {
                return false;
            }
        }

        return true;
    }
}
