namespace Skrouterd.Interop.Tests.Infrastructure;

/// <summary>
/// Certificates made with openssl once per test run: a CA; a server certificate for 127.0.0.1/localhost and a client
/// certificate, both signed by it; and a client certificate signed by another (untrusted) CA. EC P-256 keys, PEM,
/// unencrypted PKCS#8.
/// </summary>
internal sealed class TestCertificates
{
    private static readonly SemaphoreSlim s_lock = new(1, 1);
    private static TestCertificates? s_instance;

    private TestCertificates(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string CaCert => Path.Combine(Directory, "ca.crt");

    public string ServerCert => Path.Combine(Directory, "server.crt");

    public string ServerKey => Path.Combine(Directory, "server.key");

    public string ClientCert => Path.Combine(Directory, "client.crt");

    public string ClientKey => Path.Combine(Directory, "client.key");

    public string UntrustedClientCert => Path.Combine(Directory, "rogue-client.crt");

    public string UntrustedClientKey => Path.Combine(Directory, "rogue-client.key");

    /// <summary>Subject of the trusted client certificate (the SASL EXTERNAL user).</summary>
    public const string ClientSubject = "CN=interop-client";

    public static async Task<TestCertificates> GetAsync()
    {
        await s_lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (s_instance is null)
            {
                var dir = System.IO.Directory.CreateTempSubdirectory("skrouterd-interop-certs-").FullName;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(dir);
                var certs = new TestCertificates(dir);
                await certs.GenerateAsync().ConfigureAwait(false);
                s_instance = certs;
            }

            return s_instance;
        }
        finally
        {
            s_lock.Release();
        }
    }

    private async Task GenerateAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(Directory, "server.ext"),
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
            + "subjectAltName=DNS:localhost,DNS:127.0.0.1,IP:127.0.0.1\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(Directory, "client.ext"),
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n").ConfigureAwait(false);

        await MakeCaAsync("ca", "/CN=Interop Test CA").ConfigureAwait(false);
        await MakeCaAsync("rogue-ca", "/CN=Rogue Test CA").ConfigureAwait(false);
        await MakeLeafAsync("server", "/CN=127.0.0.1", "ca", "server.ext").ConfigureAwait(false);
        await MakeLeafAsync("client", "/" + ClientSubject, "ca", "client.ext").ConfigureAwait(false);
        await MakeLeafAsync("rogue-client", "/CN=rogue-client", "rogue-ca", "client.ext").ConfigureAwait(false);
    }

    private Task MakeCaAsync(string name, string subject) => OpenSslAsync(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", subject,
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");

    private async Task MakeLeafAsync(string name, string subject, string ca, string extensions)
    {
        await OpenSslAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject).ConfigureAwait(false);
        await OpenSslAsync("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
            "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", extensions).ConfigureAwait(false);
    }

    private async Task OpenSslAsync(params string[] arguments)
    {
        using var openssl = ChildProcess.Start("openssl", "openssl", arguments, Directory);
        int code = await openssl.WaitForExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"openssl failed.\n{openssl.Describe()}");
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
