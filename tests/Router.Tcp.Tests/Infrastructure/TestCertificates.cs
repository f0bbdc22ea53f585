using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>
/// Certificates made with `openssl` once per test run (EC P-256): a CA; a server certificate it signed for
/// 127.0.0.1/localhost; one it signed for another name; and a self-signed one nobody trusts.
/// </summary>
internal sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> s_instance = new(() => new TestCertificates());

    private TestCertificates()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"skrouterd-tcp-tests-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(Directory);
        OpenSsl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=skrouterd test CA", "-keyout", Path("ca.key"), "-out", Path("ca.crt"),
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Issue("server", "IP:127.0.0.1,DNS:localhost");
        Issue("wrongname", "DNS:wrong.example");
        OpenSsl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=untrusted", "-keyout", Path("untrusted.key"), "-out", Path("untrusted.crt"),
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    }

    public static TestCertificates Instance => s_instance.Value;

    public string Directory { get; }

    public string CaCert => Path("ca.crt");

    public string Cert(string name) => Path($"{name}.crt");

    public string Key(string name) => Path($"{name}.key");

    public X509Certificate2 Load(string name) => X509Certificate2.CreateFromPemFile(Cert(name), Key(name));

    /// <summary>An sslProfile entity for the router (JSON).</summary>
    public string Profile(string profileName, string? certName = null, bool ca = true) =>
        $"[\"sslProfile\", {{\"name\": \"{profileName}\"" +
        (certName is null ? "" : $", \"certFile\": \"{Cert(certName)}\", \"privateKeyFile\": \"{Key(certName)}\"") +
        (ca ? $", \"caCertFile\": \"{CaCert}\"" : "") + "}]";

    private string Path(string file) => System.IO.Path.Combine(Directory, file);

    private void Issue(string name, string subjectAltName)
    {
        string ext = Path($"{name}.ext");
        File.WriteAllText(ext, $"basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName={subjectAltName}\n");
        OpenSsl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-subj", $"/CN={name}", "-keyout", Key(name), "-out", Path($"{name}.csr"));
        OpenSsl("x509", "-req", "-in", Path($"{name}.csr"), "-CA", CaCert, "-CAkey", Path("ca.key"), "-CAcreateserial",
            "-days", "2", "-extfile", ext, "-out", Cert(name));
    }

    private static void OpenSsl(params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(30_000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed: {stderr.Result}");
        }
    }
}
