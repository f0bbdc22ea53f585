using System.Security.Cryptography.X509Certificates;

namespace Skrouterd.Amqp.Transport;

/// <summary>Negotiated TLS details of a connection (management `sslProto`, `sslCipher`, `sslSsf`; SASL EXTERNAL identity).</summary>
internal sealed record TlsInfo(string Protocol, string Cipher, int StrengthBits, X509Certificate2? PeerCertificate, string? ApplicationProtocol);
