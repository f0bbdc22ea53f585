namespace Skrouterd.Management.Schema;

/// <summary>The outcome of validating one entity: typed values in schema order, plus warnings to log (deprecated names).</summary>
internal sealed record ValidationResult(AttributeSet Attributes, IReadOnlyList<string> Warnings);
