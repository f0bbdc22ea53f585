namespace Skrouterd.Cli.CommandLine;

/// <summary>The "Connection Options" section both tools' help ends with (argparse output of 2.7.6's command.py).</summary>
internal static class ConnectionOptionsHelp
{
    public const string Text = """
Connection Options:
  -b URL, --bus URL     URL of the messaging bus to connect to default 0.0.0.0
  -t SECS, --timeout SECS
                        Maximum time to wait for connection in seconds default
                        5
  --ssl-certificate CERT
                        Client SSL certificate (PEM Format)
  --ssl-key KEY         Client SSL private key (PEM Format)
  --ssl-trustfile TRUSTED-CA-DB
                        Trusted Certificate Authority Database file (PEM
                        Format)
  --ssl-password PASSWORD
                        Certificate password, will be prompted if not
                        specified.
  --ssl-password-file SSL-PASSWORD-FILE
                        Certificate password, will be prompted if not
                        specified.
  --sasl-mechanisms SASL-MECHANISMS
                        Allowed sasl mechanisms to be supplied during the sasl
                        handshake.
  --sasl-username SASL-USERNAME
                        User name for SASL plain authentication
  --sasl-password SASL-PASSWORD
                        Password for SASL plain authentication
  --sasl-password-file SASL-PASSWORD-FILE
                        Password for SASL plain authentication
  --ssl-disable-peer-name-verify
                        Disables SSL peer name verification. WARNING - This
                        option is insecure and must not be used in production
                        environments

""";
}
