using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Management;

/// <summary>A QUERY result: attribute names and rows of values in that order (all pages joined).</summary>
internal sealed class QueryResponse
{
    public QueryResponse(List<object?> attributeNames, List<object?> results)
    {
        AttributeNames = attributeNames;
        Results = results;
    }

    public List<object?> AttributeNames { get; }

    public List<object?> Results { get; }

    /// <summary>One dict per row, <c>dict(zip(names, row))</c>; with <paramref name="clean"/> the None values are dropped.</summary>
    public List<AmqpMap> GetDicts(bool clean)
    {
        var dicts = new List<AmqpMap>(Results.Count);
        foreach (var row in Results)
        {
            if (row is not System.Collections.IList values || row is byte[])
            {
                throw PyErrors.TypeError($"'{PyText.TypeName(row)}' object is not iterable");
            }

            var pairs = new List<KeyValuePair<object?, object?>>();
            int n = Math.Min(AttributeNames.Count, values.Count);
            for (int i = 0; i < n; i++)
            {
                if (!clean || values[i] is not null)
                {
                    pairs.Add(new(AttributeNames[i], values[i]));
                }
            }

            dicts.Add(PyDict.FromPairs(pairs));
        }

        return dicts;
    }

    public List<ManagementEntity> GetEntities() => GetDicts(clean: false).Select(d => new ManagementEntity(d)).ToList();
}
