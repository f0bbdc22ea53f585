using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Skrouterd.Cli.LiveTests.Infrastructure;

/// <summary>
/// One table of skstat's classic output (management-and-deployment.md §3.2): the title; a header line of two spaces
/// and the headings, each left-justified to its column width except the last; a line of two spaces and '=' times the
/// sum of the widths; the rows formatted like the header. Each width is the longest of the heading and its cells plus 2.
/// Parsing checks that layout by rendering the parsed cells again and comparing the text.
/// </summary>
internal sealed partial class SkstatTable
{
    private SkstatTable(string title, IReadOnlyList<string> headings, IReadOnlyList<string[]> rows)
    {
        Title = title;
        Headings = headings;
        Rows = rows;
    }

    public string Title { get; }

    public IReadOnlyList<string> Headings { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public string[] Column(string heading)
    {
        int i = Index(heading);
        return [.. Rows.Select(r => r[i])];
    }

    public int Index(string heading)
    {
        int i = Headings.ToList().IndexOf(heading);
        Assert.True(i >= 0, $"no column '{heading}' in {Title}: {string.Join(", ", Headings)}");
        return i;
    }

    /// <summary>The rows whose <paramref name="heading"/> cell is <paramref name="value"/>, as heading → cell maps.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Where(string heading, string value)
    {
        int i = Index(heading);
        return [.. Rows.Where(r => r[i] == value).Select(AsMap)];
    }

    /// <summary>The one row whose <paramref name="heading"/> cell is <paramref name="value"/>.</summary>
    public IReadOnlyDictionary<string, string> Single(string heading, string value)
    {
        var rows = Where(heading, value);
        Assert.True(rows.Count == 1, $"{rows.Count} rows with {heading}={value} in {Title}:\n{string.Join('\n', Rows.Select(r => string.Join(" | ", r)))}");
        return rows[0];
    }

    public IReadOnlyDictionary<string, string> AsMap(string[] row) =>
        Headings.Select((h, i) => (h, row[i])).ToDictionary(p => p.h, p => p.Item2);

    /// <summary>
    /// Parses the table starting at <paramref name="index"/> (its title line) up to the next empty line or the end;
    /// leaves <paramref name="index"/> after it. The headings must be exactly <paramref name="headings"/>.
    /// </summary>
    public static SkstatTable Parse(IReadOnlyList<string> lines, ref int index, string title, IReadOnlyList<string> headings)
    {
        Assert.True(index < lines.Count, $"expected table '{title}' at line {index}, but the output ends");
        Assert.Equal(title, lines[index]);
        index++;
        int start = index;
        while (index < lines.Count && lines[index].Length > 0)
        {
            index++;
        }

        var block = lines.Skip(start).Take(index - start).ToList();
        if (block.Count == 0)
        {
            return new SkstatTable(title, headings, []); // no rows: only the title is printed
        }

        Assert.True(block.Count >= 2, $"table '{title}': a header line and a separator expected:\n{string.Join('\n', block)}");
        string header = block[0];
        var positions = new int[headings.Count];
        int at = 2;
        Assert.StartsWith("  " + headings[0], header);
        positions[0] = 2;
        for (int i = 1; i < headings.Count; i++)
        {
            at = positions[i - 1] + headings[i - 1].Length;
            int found = header.IndexOf(headings[i], at + 2, StringComparison.Ordinal);
            Assert.True(found >= 0 && header[at..found].Trim().Length == 0,
                $"table '{title}': heading '{headings[i]}' not found after '{headings[i - 1]}' in\n{header}\nexpected headings: {string.Join(", ", headings)}");
            positions[i] = found;
        }

        Assert.True(header.Length == positions[^1] + headings[^1].Length, $"table '{title}': unexpected text after the last heading:\n{header}");
        var rows = new List<string[]>();
        foreach (var line in block.Skip(2))
        {
            var row = new string[headings.Count];
            for (int i = 0; i < headings.Count; i++)
            {
                int from = Math.Min(positions[i], line.Length);
                int to = i + 1 < headings.Count ? Math.Min(positions[i + 1], line.Length) : line.Length;
                row[i] = line[from..to].TrimEnd();
            }

            rows.Add(row);
        }

        var table = new SkstatTable(title, headings, rows);
        Assert.Equal(string.Join('\n', block), table.Render());
        return table;
    }

    /// <summary>A table made of given cells (for comparisons with masked cells).</summary>
    public static SkstatTable FromRows(string title, IReadOnlyList<string> headings, IReadOnlyList<string[]> rows) => new(title, headings, rows);

    /// <summary>The header, separator and rows as skstat lays them out (without the title).</summary>
    public string Render()
    {
        var widths = Headings.Select((h, i) => Math.Max(h.Length, Rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max()) + 2).ToArray();
        var sb = new StringBuilder();
        AppendLine(sb, Headings, widths);
        sb.Append("  ").Append('=', widths.Sum()).Append('\n');
        foreach (var row in Rows)
        {
            AppendLine(sb, row, widths);
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static void AppendLine(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        sb.Append("  ");
        for (int i = 0; i < cells.Count; i++)
        {
            sb.Append(i + 1 < cells.Count ? cells[i].PadRight(widths[i]) : cells[i]);
        }

        sb.Append('\n');
    }

    /// <summary>
    /// Checks the "current time, router id, empty line" header every skstat display starts with and returns the
    /// lines after it.
    /// </summary>
    public static string[] AfterHeader(string[] lines, string routerId)
    {
        Assert.True(lines.Length >= 3, "skstat output too short:\n" + string.Join('\n', lines));
        Assert.Matches(DateLine(), lines[0]);
        Assert.Equal(routerId, lines[1]);
        Assert.Equal("", lines[2]);
        return lines[3..];
    }

    /// <summary>Python's str(datetime.now(timezone.utc)) + " UTC".</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?\+00:00 UTC$")]
    public static partial Regex DateLine();
}
