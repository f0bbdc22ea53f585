using System.Text;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Display;

/// <summary>
/// Prints titled tables like the Python tools' <c>Display</c> with prefix "  " and spacing 2. Classic: each column
/// as wide as its widest heading or cell plus 2, every cell but the last left-justified to that width, a rule of
/// <c>=</c> as long as all widths together. CSV: no prefix or rule; each non-empty field quoted with inner quotes
/// doubled. A table without rows prints only its title.
/// </summary>
internal sealed class TableDisplay
{
    private const string Prefix = "  ";
    private const int Spacing = 2;
    private readonly TextWriter _out;
    private readonly BodyFormat _format;

    public TableDisplay(TextWriter output, BodyFormat format)
    {
        _out = output;
        _format = format;
    }

    /// <summary>Formats each cell with its column, then prints the table.</summary>
    public void FormattedTable(string title, IReadOnlyList<Column> heads, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var formatted = new List<List<string>>();
        foreach (var row in rows)
        {
            var cells = new List<string>(row.Count);
            for (int i = 0; i < row.Count; i++)
            {
                if (i >= heads.Count)
                {
                    // Python indexes heads[col] here and fails the same way.
                    throw PyErrors.IndexError("list index out of range");
                }

                cells.Add(PyText.Str(heads[i].Formatted(row[i])));
            }

            formatted.Add(cells);
        }

        var headText = new List<string>(heads.Count);
        foreach (var h in heads)
        {
            headText.Add(h.Text);
        }

        if (_format == BodyFormat.Csv)
        {
            CsvTable(title, headText, formatted);
        }
        else
        {
            ClassicTable(title, headText, formatted);
        }
    }

    private void ClassicTable(string title, List<string> heads, List<List<string>> rows)
    {
        foreach (var row in rows)
        {
            while (row.Count < heads.Count)
            {
                row.Add("");
            }
        }

        _out.Write(title + "\n");
        if (rows.Count == 0)
        {
            return;
        }

        var widths = new int[heads.Count];
        var line = new StringBuilder(Prefix);
        for (int col = 0; col < heads.Count; col++)
        {
            int width = PyText.Len(heads[col]);
            foreach (var row in rows)
            {
                width = Math.Max(width, PyText.Len(row[col]));
            }

            widths[col] = width + Spacing;
            line.Append(heads[col]);
            if (col < heads.Count - 1)
            {
                line.Append(' ', widths[col] - PyText.Len(heads[col]));
            }
        }

        _out.Write(line.Append('\n').ToString());
        line.Clear().Append(Prefix);
        foreach (int w in widths)
        {
            line.Append('=', w);
        }

        _out.Write(line.Append('\n').ToString());
        foreach (var row in rows)
        {
            line.Clear().Append(Prefix);
            for (int col = 0; col < widths.Length; col++)
            {
                line.Append(row[col]);
                if (col < heads.Count - 1)
                {
                    line.Append(' ', Math.Max(0, widths[col] - PyText.Len(row[col])));
                }
            }

            _out.Write(line.Append('\n').ToString());
        }
    }

    private void CsvTable(string title, List<string> heads, List<List<string>> rows)
    {
        _out.Write(title + "\n");
        if (rows.Count == 0)
        {
            return;
        }

        _out.Write(CsvLine(heads) + "\n");
        foreach (var row in rows)
        {
            _out.Write(CsvLine(row) + "\n");
        }
    }

    private static string CsvLine(List<string> fields)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            if (fields[i].Length > 0)
            {
                sb.Append('"').Append(fields[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
        }

        return sb.ToString();
    }
}
