namespace Skrouterd.Cli.Display;

/// <summary>How a column's cells are formatted (R:python/skupper_router_internal/tools/display.py <c>Header</c>).</summary>
internal enum ColumnFormat
{
    /// <summary>The value as is (printed with Python <c>str()</c>).</summary>
    None,

    /// <summary>1000-based k/m/g/t/p suffixes.</summary>
    Kmg,

    /// <summary>Y or N.</summary>
    YesNo,

    /// <summary>Y or empty.</summary>
    Y,

    TimeLong,
    TimeShort,
    Duration,

    /// <summary>Thousands separators.</summary>
    Commas,

    /// <summary>Integer text.</summary>
    PlainNum,

    /// <summary>1024-based KiB/MiB/GiB suffixes.</summary>
    KiMiGi,
}
