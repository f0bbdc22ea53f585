namespace Skrouterd.Cli.Skstat;

/// <summary>
/// The help and usage texts of skstat 2.7.6 (argparse output at the default 80-column width): printed by
/// <c>-h</c>, and the usage before usage errors.
/// </summary>
internal static class SkstatHelp
{
    public const string Usage = """
usage: skstat [-h] [--version] [-v]
              [-g | -c | -l | -n | -e | -a | -m | -p | --autolinks | --vhosts | --vhostgroups | --vhoststats | --log | --all-entities]
              [--all-routers | -r ROUTER-ID | -d EDGE-ROUTER-ID]
              [--limit LIMIT] [--csv] [-b URL] [-t SECS]
              [--ssl-certificate CERT] [--ssl-key KEY]
              [--ssl-trustfile TRUSTED-CA-DB] [--ssl-password PASSWORD]
              [--ssl-password-file SSL-PASSWORD-FILE]
              [--sasl-mechanisms SASL-MECHANISMS]
              [--sasl-username SASL-USERNAME] [--sasl-password SASL-PASSWORD]
              [--sasl-password-file SASL-PASSWORD-FILE]
              [--ssl-disable-peer-name-verify]

""";

    public const string Help = """
usage: skstat [-h] [--version] [-v]
              [-g | -c | -l | -n | -e | -a | -m | -p | --autolinks | --vhosts | --vhostgroups | --vhoststats | --log | --all-entities]
              [--all-routers | -r ROUTER-ID | -d EDGE-ROUTER-ID]
              [--limit LIMIT] [--csv] [-b URL] [-t SECS]
              [--ssl-certificate CERT] [--ssl-key KEY]
              [--ssl-trustfile TRUSTED-CA-DB] [--ssl-password PASSWORD]
              [--ssl-password-file SSL-PASSWORD-FILE]
              [--sasl-mechanisms SASL-MECHANISMS]
              [--sasl-username SASL-USERNAME] [--sasl-password SASL-PASSWORD]
              [--sasl-password-file SASL-PASSWORD-FILE]
              [--ssl-disable-peer-name-verify]

Optional Arguments:
  -h, --help            show this help message and exit
  --version             show program's version number and exit
  -v, --verbose         Show maximum detail
  --limit LIMIT         Limit number of output rows. Unlimited if limit is
                        zero or if limit not specified
  --csv                 Render tabular output in csv format

Display:
  Choose what kind of information you want to be displayed

  -g, --general         Show General Router Stats
  -c, --connections     Show Connections
  -l, --links           Show Router Links
  -n, --nodes           Show Router Nodes
  -e, --edge            Show edge connections
  -a, --address         Show Router Addresses
  -m, --memory          Show Router Memory Stats
  -p, --policy          Show Router Policy
  --autolinks           Show Auto Links
  --vhosts              Show Vhosts
  --vhostgroups         Show Vhost Groups
  --vhoststats          Show Vhost Stats
  --log                 Show recent log entries
  --all-entities        Show all router entities. Can be combined with --all-
                        routers option

Target:
  Choose destination router to required, default the one you connect to.

  --all-routers         Show entities for all routers in network. Can also be
                        used in combination with other options
  -r ROUTER-ID, --router ROUTER-ID
                        Router to be queried
  -d EDGE-ROUTER-ID, --edge-router EDGE-ROUTER-ID
                        Edge Router to be queried

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
