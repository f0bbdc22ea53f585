namespace Skrouterd.Cli.CommandLine;

/// <summary>Conversion applied to an option's value (argparse <c>type=</c>).</summary>
internal enum OptionValueType
{
    String,
    Int,
    Float,
}
