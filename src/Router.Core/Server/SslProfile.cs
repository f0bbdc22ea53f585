using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Skrouterd.Server;

/// <summary>
/// An `sslProfile` entity: file names and TLS settings. Creating one reads no file; the credentials are loaded for
/// every new connection, so certificates may appear or rotate after start (management-and-deployment.md §1.9).
/// </summary>
internal sealed record SslProfile
{
    public required string Name { get; init; }

    public string? CertFile { get; init; }

    public string? PrivateKeyFile { get; init; }

    public string? Password { get; init; }

    public string? CaCertFile { get; init; }

    public string? Protocols { get; init; }

    public string? Ciphers { get; init; }

    /// <summary>Resolves the `password` forms: env:VAR, file:PATH (first line), pass:/literal: or a bare literal.</summary>
    public string? ResolvePassword()
    {
        var p = Password;
        if (p is null)
        {
            return null;
        }

        if (p.StartsWith("env:", StringComparison.Ordinal))
        {
            return Environment.GetEnvironmentVariable(p[4..].Trim())
                ?? throw new InvalidOperationException($"sslProfile {Name}: environment variable {p[4..]} is not set");
        }

        if (p.StartsWith("file:", StringComparison.Ordinal))
        {
            return File.ReadLines(p[5..].Trim()).FirstOrDefault() ?? "";
        }

        if (p.StartsWith("pass:", StringComparison.Ordinal))
        {
            return p[5..];
        }

        if (p.StartsWith("literal:", StringComparison.Ordinal))
        {
            return p[8..];
        }

        return p;
    }

    /// <summary>Loads this profile's own certificate with its private key (null when the profile has none).</summary>
    public X509Certificate2? LoadCertificate()
    {
        if (CertFile is null)
        {
            return null;
        }

        string keyFile = PrivateKeyFile ?? CertFile;
        string? password = ResolvePassword();
        return password is null
            ? X509Certificate2.CreateFromPemFile(CertFile, keyFile)
            : X509Certificate2.CreateFromEncryptedPemFile(CertFile, password, keyFile);
    }

    /// <summary>Extra certificates in the certificate file (intermediates sent with our own).</summary>
    public X509Certificate2Collection LoadChain()
    {
        var all = new X509Certificate2Collection();
        if (CertFile is not null)
        {
            all.ImportFromPemFile(CertFile);
            if (all.Count > 0)
            {
                all.RemoveAt(0);
            }
        }

        return all;
    }

    public X509Certificate2Collection LoadTrusted()
    {
        var trusted = new X509Certificate2Collection();
        if (CaCertFile is not null)
        {
            trusted.ImportFromPemFile(CaCertFile);
        }

        return trusted;
    }

    /// <summary>`protocols` (e.g. "TLSv1.2 TLSv1.3") as SslProtocols; None lets the system choose.</summary>
    public SslProtocols ParseProtocols()
    {
        if (string.IsNullOrWhiteSpace(Protocols))
        {
            return SslProtocols.None;
        }

        var result = SslProtocols.None;
        foreach (var word in Protocols.Split([' ', ',', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 are accepted as configuration values, as the C router does
            result |= word switch
            {
                "TLSv1" => SslProtocols.Tls,
                "TLSv1.1" => SslProtocols.Tls11,
                "TLSv1.2" => SslProtocols.Tls12,
                "TLSv1.3" => SslProtocols.Tls13,
                _ => throw new InvalidOperationException($"sslProfile {Name}: unknown protocol '{word}'"),
            };
#pragma warning restore SYSLIB0039
        }

        return result;
    }

    /// <summary>
    /// Checks a peer certificate against this profile's CA file only (not the system store), optionally requiring
    /// the name to match.
    /// </summary>
    public bool ValidatePeer(X509Certificate? certificate, SslPolicyErrors errors, bool checkName, out string? failure)
    {
        failure = null;
        if (certificate is null)
        {
            failure = "peer did not return a certificate";
            return false;
        }

        if (checkName && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            failure = "certificate name does not match the host";
            return false;
        }

        var trusted = LoadTrusted();
        if (trusted.Count == 0)
        {
            // No CA configured: fall back to the system's verdict on the chain.
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            {
                failure = "certificate chain is not trusted";
                return false;
            }

            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        bool ok = chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
        if (!ok)
        {
            failure = "certificate verify failed: " + string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        }

        return ok;
    }
}
