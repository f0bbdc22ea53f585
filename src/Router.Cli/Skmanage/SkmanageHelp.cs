using Skrouterd.Cli.CommandLine;

namespace Skrouterd.Cli.Skmanage;

/// <summary>
/// The help and usage texts of skmanage 2.7.6 (argparse output at the default 80-column width): printed by
/// <c>-h</c>, and the usage before usage errors.
/// </summary>
internal static class SkmanageHelp
{
    public const string Usage = """
usage: skmanage <operation> [-h] [--version] [-v] [-r ROUTER-ID]
                            [-d EDGE-ROUTER-ID] [--type TYPE] [--name NAME]
                            [--identity ID] [--indent INDENT] [--stdin]
                            [--body BODY] [--properties PROPERTIES] [-b URL]
                            [-t SECS] [--ssl-certificate CERT] [--ssl-key KEY]
                            [--ssl-trustfile TRUSTED-CA-DB]
                            [--ssl-password PASSWORD]
                            [--ssl-password-file SSL-PASSWORD-FILE]
                            [--sasl-mechanisms SASL-MECHANISMS]
                            [--sasl-username SASL-USERNAME]
                            [--sasl-password SASL-PASSWORD]
                            [--sasl-password-file SASL-PASSWORD-FILE]
                            [--ssl-disable-peer-name-verify]

""";

    public const string Help = Usage + """

Standard operations: QUERY, CREATE, READ, UPDATE, DELETE, GET-TYPES, GET-
OPERATIONS, GET-ATTRIBUTES, GET-ANNOTATIONS, GET-MGMT-NODES, GET-SCHEMA, GET-
LOG. Use GET-OPERATIONS to find additional operations.

Optional Arguments:
  -h, --help            show this help message and exit
  --version             show program's version number and exit
  -v, --verbose         Show maximum detail
  -r ROUTER-ID, --router ROUTER-ID
                        Router to be queried
  -d EDGE-ROUTER-ID, --edge-router EDGE-ROUTER-ID
                        Edge Router to be queried
  --type TYPE           Type of entity to operate on.
  --name NAME           Name of entity to operate on.
  --identity ID         Identity of entity to operate on.
  --indent INDENT       Pretty-printing indent. -1 means don't pretty-print
                        (default 2)
  --stdin               Read attributes as JSON map or list of maps from
                        stdin.
  --body BODY           JSON value to use as body of a non-standard operation
                        call.
  --properties PROPERTIES
                        JSON map to use as properties for a non-standard
                        operation call.


""" + ConnectionOptionsHelp.Text;
}
