using Skrouterd.Amqp.Codec;

namespace Skrouterd.Management;

/// <summary>
/// An entity type answered the way the C router's core agent answers it (src/router_core/agent*.c): fixed columns,
/// values with their C types, QUERY honouring <c>offset</c>/<c>count</c>, rows in the core's list order.
/// </summary>
internal abstract class CoreTable
{
    /// <summary>At most this many columns may be requested (QDR_AGENT_MAX_COLUMNS).</summary>
    private const int MaxColumns = 64;

    /// <summary>Marks a requested attribute that was not a string: its value is null and it has no name.</summary>
    private const int NullColumn = -1;

    protected CoreTable(ManagementContext context, string fullyQualifiedType, string[] columns)
    {
        Context = context;
        FullyQualifiedType = fullyQualifiedType;
        Columns = columns;
    }

    public string FullyQualifiedType { get; }

    /// <summary>The C agent's column list, in order (the QUERY attribute names when none are requested).</summary>
    public IReadOnlyList<string> Columns { get; }

    protected ManagementContext Context { get; }

    /// <summary>A snapshot of the rows, in the core's order.</summary>
    public abstract IReadOnlyList<object> Rows();

    /// <summary>The value of column <paramref name="column"/> of <paramref name="row"/>, typed as the C agent writes it.</summary>
    public abstract object? Value(object row, int column);

    /// <summary>The row whose identity is <paramref name="identity"/>, or null.</summary>
    public virtual object? FindByIdentity(string identity) =>
        Rows().FirstOrDefault(r => Value(r, IndexOf("identity")) as string == identity);

    /// <summary>The row whose name is <paramref name="name"/>, or null.</summary>
    public virtual object? FindByName(string name) =>
        Rows().FirstOrDefault(r => Value(r, IndexOf("name")) as string == name);

    /// <summary>All columns of one row as a map (READ, UPDATE and CREATE bodies).</summary>
    public AmqpMap ToMap(object row)
    {
        var map = new AmqpMap(Columns.Count);
        for (int i = 0; i < Columns.Count; i++)
        {
            map.Add(Columns[i], Value(row, i));
        }

        return map;
    }

    /// <summary>
    /// QUERY (agent.c qdr_agent_set_columns and the get_first/get_next walk): the requested columns (all when
    /// <c>attributeNames</c> is absent, not a list, empty or too long; an unknown name selects the first column, a
    /// non-string entry a nameless null column), rows from <paramref name="offset"/>, at most <paramref name="count"/>
    /// rows when it is positive.
    /// </summary>
    public AmqpMap Query(object? attributeNames, long offset, long count)
    {
        int[] columns = SelectColumns(attributeNames);
        var names = new List<object?>(columns.Length);
        foreach (int c in columns)
        {
            if (c != NullColumn)
            {
                names.Add(Columns[c]);
            }
        }

        var results = new List<object?>();
        var rows = Rows();
        long start = Math.Max(0, offset);
        for (long i = start; i < rows.Count; i++)
        {
            if (count > 0 && results.Count >= count)
            {
                break;
            }

            var row = new List<object?>(columns.Length);
            foreach (int c in columns)
            {
                row.Add(c == NullColumn ? null : Value(rows[(int)i], c));
            }

            results.Add(row);
        }

        return new AmqpMap { { "attributeNames", names }, { "results", results } };
    }

    protected int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no column {column}");
    }

    private int[] SelectColumns(object? attributeNames)
    {
        if (attributeNames is not List<object?> list || list.Count == 0 || list.Count >= MaxColumns)
        {
            return [.. Enumerable.Range(0, Math.Min(Columns.Count, MaxColumns - 1))];
        }

        var columns = new int[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not string name)
            {
                columns[i] = NullColumn;
                continue;
            }

            int index = 0;
            for (int j = 0; j < Columns.Count; j++)
            {
                if (Columns[j] == name)
                {
                    index = j;
                    break;
                }
            }

            columns[i] = index;
        }

        return columns;
    }
}
