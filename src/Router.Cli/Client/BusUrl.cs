using System.Globalization;
using System.Text;

namespace Skrouterd.Cli.Client;

/// <summary>
/// The <c>-b/--bus</c> URL as proton-python's <c>Url</c> reads and prints it: <c>[scheme://][user[:password]@]host[:port][/path]</c>
/// with defaults scheme <c>amqp</c>, host <c>0.0.0.0</c> and port named after the scheme. The default port keeps its
/// service name when printed, so the tools' messages say <c>amqp://0.0.0.0:amqp</c>.
/// </summary>
internal sealed class BusUrl
{
    private BusUrl(string scheme, string? username, string? password, string host, string port, string? path)
    {
        Scheme = scheme;
        Username = username;
        Password = password;
        HostText = host;
        PortText = port;
        Path = path;
    }

    public string Scheme { get; }

    public string? Username { get; }

    public string? Password { get; }

    /// <summary>Host as written (an IPv6 literal keeps its brackets).</summary>
    public string HostText { get; }

    /// <summary>Host without IPv6 brackets, for name resolution and TLS.</summary>
    public string Host => HostText.Length > 1 && HostText[0] == '[' && HostText[^1] == ']' ? HostText[1..^1] : HostText;

    /// <summary>Port as written, or the scheme's service name.</summary>
    public string PortText { get; }

    /// <summary>The path without its leading slash, or null when the URL has none.</summary>
    public string? Path { get; }

    public bool IsAmqps => Scheme == "amqps";

    public static BusUrl Parse(string text)
    {
        string url = text;
        if (!url.StartsWith("//", StringComparison.Ordinal))
        {
            int colon = url.IndexOf(':');
            string before = colon >= 0 ? url[..colon] : url;
            string after = colon >= 0 ? url[(colon + 1)..] : "";
            if (before.Contains('/') || !after.StartsWith("//", StringComparison.Ordinal))
            {
                url = "//" + url;
            }
        }

        string? scheme = null;
        string rest = url;
        if (!url.StartsWith("//", StringComparison.Ordinal))
        {
            int colon = url.IndexOf(':');
            scheme = url[..colon].ToLowerInvariant();
            rest = url[(colon + 1)..];
        }

        // rest = //netloc[path][?query][#fragment]
        rest = rest[2..];
        int cut = rest.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            rest = rest[..cut];
        }

        int slash = rest.IndexOf('/');
        string netloc = slash >= 0 ? rest[..slash] : rest;
        string rawPath = slash >= 0 ? rest[slash..] : "";

        string? username = null;
        string? password = null;
        int at = netloc.LastIndexOf('@');
        if (at >= 0)
        {
            string userinfo = netloc[..at];
            int c = userinfo.IndexOf(':');
            username = Uri.UnescapeDataString(c >= 0 ? userinfo[..c] : userinfo);
            password = c >= 0 ? Uri.UnescapeDataString(userinfo[(c + 1)..]) : null;
        }

        string hostPort = netloc[(at + 1)..];
        string host;
        string? port = null;
        int bracket = hostPort.IndexOf(']');
        string beforeBrace = bracket >= 0 ? hostPort[..(bracket + 1)] : "";
        string afterBrace = bracket >= 0 ? hostPort[(bracket + 1)..] : hostPort;
        int portColon = afterBrace.IndexOf(':');
        if (portColon >= 0)
        {
            host = (beforeBrace + afterBrace[..portColon]).ToLowerInvariant();
            string[] parts = afterBrace.Split(':');
            port = parts[1].Length > 0 ? parts[1] : null;
        }
        else
        {
            host = (beforeBrace + afterBrace).ToLowerInvariant();
        }

        scheme ??= "amqp";
        if (scheme.Length == 0)
        {
            scheme = "amqp";
        }

        string? path = rawPath.Length == 0 ? null : rawPath[1..];
        return new BusUrl(scheme, username, password, host.Length > 0 ? host : "0.0.0.0", port ?? scheme, path);
    }

    /// <summary>Forces TLS as the tools do when SSL options are given; the port stays as it was (by default the name amqp).</summary>
    public BusUrl WithScheme(string scheme) => new(scheme, Username, Password, HostText, PortText, Path);

    /// <summary>The port number: digits, or a service name (amqp 5672, amqps 5671, else /etc/services).</summary>
    public int ResolvePort()
    {
        if (int.TryParse(PortText, NumberStyles.None, CultureInfo.InvariantCulture, out int p))
        {
            return p;
        }

        if (ServicePort(PortText) is int known)
        {
            return known;
        }

        return PortText switch
        {
            "amqps" => 5671,
            "amqp" => 5672,
            _ => throw Python.PyErrors.ValueError($"Not a valid port number or service name: '{PortText}'"),
        };
    }

    private static int? ServicePort(string name)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/services"))
            {
                var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || fields[0].StartsWith('#') || !fields[1].EndsWith("/tcp", StringComparison.Ordinal))
                {
                    continue;
                }

                bool match = fields[0] == name;
                for (int i = 2; i < fields.Length && !match && !fields[i].StartsWith('#'); i++)
                {
                    match = fields[i] == name;
                }

                if (match && int.TryParse(fields[1].AsSpan(0, fields[1].Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
                {
                    return port;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>The URL as proton prints it in error messages.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Scheme).Append("://");
        if (Username is not null || Password is not null)
        {
            if (!string.IsNullOrEmpty(Username))
            {
                sb.Append(Uri.EscapeDataString(Username));
            }

            if (!string.IsNullOrEmpty(Password))
            {
                sb.Append(':').Append(Uri.EscapeDataString(Password));
            }

            if (!string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password))
            {
                sb.Append('@');
            }
        }

        sb.Append(HostText).Append(':').Append(PortText);
        if (Path is not null)
        {
            sb.Append('/').Append(Path);
        }

        return sb.ToString();
    }
}
