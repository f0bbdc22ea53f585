using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Display;

/// <summary>
/// Sorts rows by the cell under one heading, ascending, the way Python's stable <c>list.sort</c> orders the raw
/// (unformatted) cells; mixed types raise TypeError as in Python.
/// </summary>
internal static class RowSorter
{
    public static List<IReadOnlyList<object?>> Sort(IReadOnlyList<Column> heads, IEnumerable<IReadOnlyList<object?>> rows, string sortColumn)
    {
        int col = -1;
        for (int i = 0; i < heads.Count; i++)
        {
            if (heads[i].Text == sortColumn)
            {
                col = i;
                break;
            }
        }

        if (col < 0)
        {
            throw new PyException("Exception", $"sortCol '{sortColumn}', not found in headers");
        }

        var list = new List<IReadOnlyList<object?>>();
        foreach (var row in rows)
        {
            if (col >= row.Count)
            {
                throw new PyException("Exception", "sort index exceeds row boundary");
            }

            list.Add(row);
        }

        // Stable like list.sort: equal keys keep their input order.
        var indexed = new List<(IReadOnlyList<object?> Row, int Index)>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            indexed.Add((list[i], i));
        }

        try
        {
            indexed.Sort((a, b) =>
            {
                int c = PyNumber.Compare(a.Row[col], b.Row[col]);
                return c != 0 ? c : a.Index.CompareTo(b.Index);
            });
        }
        catch (InvalidOperationException e) when (e.InnerException is PyException inner)
        {
            // List.Sort wraps what a comparison throws; report Python's TypeError itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
        }
        list.Clear();
        foreach (var e in indexed)
        {
            list.Add(e.Row);
        }

        return list;
    }
}
