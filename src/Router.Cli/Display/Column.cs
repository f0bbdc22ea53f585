namespace Skrouterd.Cli.Display;

/// <summary>A table column: heading text and cell format.</summary>
internal sealed record Column(string Text, ColumnFormat Format = ColumnFormat.None)
{
    /// <summary>
    /// The cell for <paramref name="value"/>: empty for None, the value itself for <see cref="ColumnFormat.None"/>,
    /// else the formatted text; <c>?</c> if formatting fails, as the Python tools do.
    /// </summary>
    public object? Formatted(object? value)
    {
        if (value is null)
        {
            return "";
        }

        try
        {
            return Format switch
            {
                ColumnFormat.None => value,
                ColumnFormat.PlainNum => ValueFormat.PlainNum(value),
                ColumnFormat.Kmg => ValueFormat.NumKmg(value, 1000),
                ColumnFormat.KiMiGi => ValueFormat.NumKmg(value, 1024),
                ColumnFormat.YesNo => Python.PyNumber.Truthy(value) ? "Y" : "N",
                ColumnFormat.Y => Python.PyNumber.Truthy(value) ? "Y" : "",
                ColumnFormat.TimeLong => ValueFormat.TimeLong(value),
                ColumnFormat.TimeShort => ValueFormat.TimeShort(value),
                ColumnFormat.Duration => ValueFormat.Duration(value),
                ColumnFormat.Commas => ValueFormat.Commas(value),
                _ => value,
            };
        }
        catch (Python.PyException)
        {
            return "?";
        }
    }
}
