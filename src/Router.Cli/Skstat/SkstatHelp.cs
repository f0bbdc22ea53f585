using Skrouterd.Cli.CommandLine;

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

    public const string Help = Usage + """

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


""" + ConnectionOptionsHelp.Text;
}
