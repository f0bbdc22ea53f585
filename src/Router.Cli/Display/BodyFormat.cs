namespace Skrouterd.Cli.Display;

/// <summary>Table body layout: aligned columns, or quoted comma-separated values (<c>--csv</c>).</summary>
internal enum BodyFormat
{
    Classic,
    Csv,
}
