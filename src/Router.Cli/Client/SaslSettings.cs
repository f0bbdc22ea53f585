namespace Skrouterd.Cli.Client;

/// <summary>SASL from <c>--sasl-mechanisms/--sasl-username/--sasl-password[-file]</c> or the URL's user:password.</summary>
internal sealed record SaslSettings(string? Mechanisms, string? User, string? Password);
