namespace Skrouterd.Cli.Client;

/// <summary>Client TLS from <c>--ssl-certificate/--ssl-key/--ssl-trustfile/--ssl-password[-file]</c>.</summary>
internal sealed record TlsSettings(string? Certificate, string? Key, string? TrustFile, string? Password, bool VerifyPeerName);
