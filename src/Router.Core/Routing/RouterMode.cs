namespace Skrouterd.Routing;

/// <summary>router.mode.</summary>
internal enum RouterMode
{
    Standalone,
    Interior,
    Edge,
}
