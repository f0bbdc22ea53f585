namespace Skrouterd.Cli.CommandLine;

/// <summary>What an option does when it appears (the argparse actions the tools use).</summary>
internal enum OptionAction
{
    /// <summary>Takes one value.</summary>
    Store,

    StoreTrue,

    /// <summary>Stores <see cref="OptionSpec.Const"/> (skstat's display choice).</summary>
    StoreConst,

    /// <summary>Counts occurrences (<c>-v</c>, <c>-vvv</c>).</summary>
    Count,

    Help,
    Version,
}
