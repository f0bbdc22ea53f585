namespace Skrouterd;

/// <summary>Identity of this build as the C router reports it (`skrouterd -v`, open properties, management).</summary>
public static class RouterInfo
{
    /// <summary>The skupper-router release line this router is a drop-in replacement for.</summary>
    public const string Version = "2.7.6";

    public const string Product = "skupper-router";
}
