using Skrouterd.Cli.Client;
using Skrouterd.Cli.CommandLine;

namespace Skrouterd.Cli.Hosting;

/// <summary>
/// The options both tools share (command.py <c>common_parser</c> and <c>add_connection_options</c>) and how they
/// become <see cref="ConnectionSettings"/>: <c>-b</c> default 0.0.0.0, <c>-t</c> default 5 s, amqps forced by
/// <c>--ssl-certificate</c>, <c>--ssl-trustfile</c> or an amqps: URL, SASL only when a SASL option or URL user/password
/// is given (or TLS is used).
/// </summary>
internal static class ConnectionOptions
{
    public const string Version = "2.7.6";
    public const string DefaultBus = "0.0.0.0";
    public const double DefaultTimeout = 5;

    public static OptionSpec[] Leading =>
    [
        new(["-h", "--help"], "help", OptionAction.Help),
        new(["--version"], "version", OptionAction.Version),
        new(["-v", "--verbose"], "verbose", OptionAction.Count),
    ];

    public static OptionSpec[] Connection =>
    [
        new(["-b", "--bus"], "bus", OptionAction.Store),
        new(["-t", "--timeout"], "timeout", OptionAction.Store, OptionValueType.Float),
        new(["--ssl-certificate"], "ssl_certificate", OptionAction.Store),
        new(["--ssl-key"], "ssl_key", OptionAction.Store),
        new(["--ssl-trustfile"], "ssl_trustfile", OptionAction.Store),
        new(["--ssl-password"], "ssl_password", OptionAction.Store),
        new(["--ssl-password-file"], "ssl_password_file", OptionAction.Store),
        new(["--sasl-mechanisms"], "sasl_mechanisms", OptionAction.Store),
        new(["--sasl-username"], "sasl_username", OptionAction.Store),
        new(["--sasl-password"], "sasl_password", OptionAction.Store),
        new(["--sasl-password-file"], "sasl_password_file", OptionAction.Store),
        new(["--ssl-disable-peer-name-verify"], "ssl_disable_peer_name_verify", OptionAction.StoreTrue),
    ];

    /// <summary>Builds the settings, reading password files as the tools do (before connecting).</summary>
    public static ConnectionSettings ToSettings(ParsedArgs args, string containerId)
    {
        string bus = args.GetString("bus") ?? DefaultBus;
        var url = BusUrl.Parse(bus);
        if (!string.IsNullOrEmpty(args.GetString("ssl_certificate")) || !string.IsNullOrEmpty(args.GetString("ssl_trustfile"))
            || bus.StartsWith("amqps:", StringComparison.Ordinal))
        {
            url = url.WithScheme("amqps");
        }

        TlsSettings? tls = null;
        if (url.IsAmqps)
        {
            string? password = args.GetString("ssl_password");
            if (args.GetString("ssl_password_file") is { Length: > 0 } passwordFile)
            {
                password = ReadPassword(passwordFile);
            }

            tls = new TlsSettings(
                Empty(args.GetString("ssl_certificate")),
                Empty(args.GetString("ssl_key")),
                Empty(args.GetString("ssl_trustfile")),
                password,
                VerifyPeerName: !args.GetFlag("ssl_disable_peer_name_verify"));
        }

        SaslSettings? sasl = null;
        string? mechs = Empty(args.GetString("sasl_mechanisms"));
        string? user = Empty(args.GetString("sasl_username")) ?? Empty(url.Username);
        string? saslPassword = Empty(args.GetString("sasl_password")) ?? Empty(url.Password);
        string? saslPasswordFile = Empty(args.GetString("sasl_password_file"));
        if (mechs is not null || user is not null || saslPassword is not null || saslPasswordFile is not null)
        {
            if (saslPasswordFile is not null)
            {
                saslPassword = ReadPassword(saslPasswordFile);
            }

            sasl = new SaslSettings(mechs, user, saslPassword);
        }

        return new ConnectionSettings(url, args.GetDouble("timeout") ?? DefaultTimeout, tls, sasl, containerId);
    }

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>command.py <c>get_password</c>: the file's text with surrounding whitespace removed.</summary>
    private static string ReadPassword(string path) => File.ReadAllText(path).Trim();
}
