using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>A throw-away CA, a server certificate it signed, and a client certificate with its key as PEM files.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skcli-tls-").FullName;

    public TestCertificates(string serverName = "127.0.0.1")
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        Server = Issue("CN=router", serverName, serverAuth: true);
        Client = Issue("CN=skmanage-client", null, serverAuth: false);

        CaFile = Path.Combine(_dir, "ca.pem");
        File.WriteAllText(CaFile, Ca.ExportCertificatePem());
        ClientCertFile = Path.Combine(_dir, "client.pem");
        File.WriteAllText(ClientCertFile, Client.ExportCertificatePem());
        ClientKeyFile = Path.Combine(_dir, "client-key.pem");
        File.WriteAllText(ClientKeyFile, Client.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string CaFile { get; }

    public string ClientCertFile { get; }

    public string ClientKeyFile { get; }

    private X509Certificate2 Issue(string subject, string? name, bool serverAuth)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (name is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(Ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
