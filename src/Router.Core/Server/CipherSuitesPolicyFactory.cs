using System.Net.Security;

namespace Skrouterd.Server;

/// <summary>
/// Turns an sslProfile `ciphers` value into a <see cref="CipherSuitesPolicy"/>. Accepts colon-separated IANA names
/// (TLS_AES_128_GCM_SHA256) and the common OpenSSL names (ECDHE-RSA-AES128-GCM-SHA256). A value with OpenSSL
/// keywords or exclusions (ALL, HIGH, !aNULL, ...) cannot be expressed and leaves the system default in place.
/// </summary>
internal static class CipherSuitesPolicyFactory
{
    private static readonly Dictionary<string, TlsCipherSuite> s_openSsl = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ECDHE-ECDSA-AES128-GCM-SHA256"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        ["ECDHE-RSA-AES128-GCM-SHA256"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ["ECDHE-ECDSA-AES256-GCM-SHA384"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        ["ECDHE-RSA-AES256-GCM-SHA384"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        ["ECDHE-ECDSA-CHACHA20-POLY1305"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        ["ECDHE-RSA-CHACHA20-POLY1305"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        ["DHE-RSA-AES128-GCM-SHA256"] = TlsCipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
        ["DHE-RSA-AES256-GCM-SHA384"] = TlsCipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        ["ECDHE-RSA-AES128-SHA256"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        ["ECDHE-RSA-AES256-SHA384"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
        ["AES128-GCM-SHA256"] = TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
        ["AES256-GCM-SHA384"] = TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
    };

    public static CipherSuitesPolicy? Create(string? ciphers)
    {
        if (string.IsNullOrWhiteSpace(ciphers))
        {
            return null;
        }

        var suites = new List<TlsCipherSuite>();
        foreach (var token in ciphers.Split([':', ',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Enum.TryParse<TlsCipherSuite>(token, ignoreCase: false, out var iana) && token.StartsWith("TLS_", StringComparison.Ordinal))
            {
                suites.Add(iana);
            }
            else if (s_openSsl.TryGetValue(token, out var mapped))
            {
                suites.Add(mapped);
            }
            else
            {
                return null;
            }
        }

        return suites.Count == 0 ? null : new CipherSuitesPolicy(suites);
    }

    public static void Apply(SslProfile profile, SslServerAuthenticationOptions options)
    {
        var policy = Create(profile.Ciphers);
        if (policy is not null)
        {
            options.CipherSuitesPolicy = policy;
        }
    }

    public static void Apply(SslProfile profile, SslClientAuthenticationOptions options)
    {
        var policy = Create(profile.Ciphers);
        if (policy is not null)
        {
            options.CipherSuitesPolicy = policy;
        }
    }
}
