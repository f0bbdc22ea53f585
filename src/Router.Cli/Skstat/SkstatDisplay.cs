namespace Skrouterd.Cli.Skstat;

/// <summary>What skstat shows (the mutually exclusive display options; <c>-g</c> by default).</summary>
internal enum SkstatDisplay
{
    General,
    Connections,
    Links,
    Nodes,
    Edges,
    Addresses,
    Memory,
    Policy,
    Autolinks,
    Vhosts,
    Vhostgroups,
    Vhoststats,
    Log,
    AllEntities,
}
