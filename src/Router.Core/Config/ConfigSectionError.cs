namespace Skrouterd.Config;

/// <summary>A deferred syntax error inside a .conf section (the attribute and the text to report).</summary>
internal sealed record ConfigSectionError(string? Attribute, string Detail);
