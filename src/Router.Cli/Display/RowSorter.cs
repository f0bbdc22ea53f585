using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Display;

/// <summary>
/// Sorts rows by the cell under one heading, ascending, the way Python's <c>list.sort</c> orders the raw cells:
/// stable, comparing with <c>&lt;</c> only, and raising TypeError for mixed types. Lists shorter than 64 rows are
/// sorted exactly as timsort does (initial run, then binary insertion), so even the operands of a TypeError match.
/// </summary>
internal static class RowSorter
{
    private const int MinMerge = 64;

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

        bool Less(IReadOnlyList<object?> a, IReadOnlyList<object?> b) => PyNumber.Compare(a[col], b[col]) < 0;
        if (list.Count < MinMerge)
        {
            TimsortSmall(list, Less);
        }
        else
        {
            MergeSort(list, 0, list.Count, Less);
        }

        return list;
    }

    /// <summary>timsort on fewer than 64 items: count the initial run (reversing a strictly descending one), then binary insertion.</summary>
    private static void TimsortSmall(List<IReadOnlyList<object?>> a, Func<IReadOnlyList<object?>, IReadOnlyList<object?>, bool> less)
    {
        int n = a.Count;
        if (n < 2)
        {
            return;
        }

        int run = 2;
        if (less(a[1], a[0]))
        {
            while (run < n && less(a[run], a[run - 1]))
            {
                run++;
            }

            a.Reverse(0, run);
        }
        else
        {
            while (run < n && !less(a[run], a[run - 1]))
            {
                run++;
            }
        }

        for (int start = run; start < n; start++)
        {
            var pivot = a[start];
            int l = 0, r = start;
            while (l < r)
            {
                int p = l + ((r - l) >> 1);
                if (less(pivot, a[p]))
                {
                    r = p;
                }
                else
                {
                    l = p + 1;
                }
            }

            a.RemoveAt(start);
            a.Insert(l, pivot);
        }
    }

    /// <summary>Stable top-down merge sort (taking from the right half only when it is strictly less).</summary>
    private static void MergeSort(List<IReadOnlyList<object?>> a, int lo, int hi, Func<IReadOnlyList<object?>, IReadOnlyList<object?>, bool> less)
    {
        if (hi - lo < 2)
        {
            return;
        }

        int mid = lo + ((hi - lo) / 2);
        MergeSort(a, lo, mid, less);
        MergeSort(a, mid, hi, less);
        var merged = new List<IReadOnlyList<object?>>(hi - lo);
        int i = lo, j = mid;
        while (i < mid && j < hi)
        {
            merged.Add(less(a[j], a[i]) ? a[j++] : a[i++]);
        }

        while (i < mid)
        {
            merged.Add(a[i++]);
        }

        while (j < hi)
        {
            merged.Add(a[j++]);
        }

        for (int k = 0; k < merged.Count; k++)
        {
            a[lo + k] = merged[k];
        }
    }
}
