using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>
/// Answers management requests from a scenario file (Scenarios/*.json): QUERY by entityType (rows from offset,
/// at most count), GET-MGMT-NODES, GET-LOG (the most recent limit entries), GET-SCHEMA.
/// </summary>
internal sealed class ScenarioAgent
{
    private readonly AmqpMap _data;

    public ScenarioAgent(string scenario)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario + ".json");
        _data = (AmqpMap)PyJsonReader.Loads(File.ReadAllText(path))!;
    }

    public FakeReply Answer(FakeRequest request)
    {
        switch (request.Operation)
        {
            case "GET-MGMT-NODES":
                return FakeReply.Ok(request, _data["mgmtNodes"] ?? new List<object?>());
            case "GET-SCHEMA":
                return FakeReply.Ok(request, _data["schema"]);
            case "GET-LOG":
                {
                    var log = (List<object?>)(_data["log"] ?? new List<object?>());
                    int limit = request.Property("limit") is long l ? (int)l : 0;
                    return FakeReply.Ok(request, limit > 0 ? log.Skip(Math.Max(0, log.Count - limit)).ToList() : log);
                }

            case "QUERY":
                {
                    var queries = (AmqpMap)_data["queries"]!;
                    string type = (string)request.Property("entityType")!;
                    var query = queries[type] as AmqpMap ?? new AmqpMap { { "attributeNames", new List<object?>() }, { "results", new List<object?>() } };
                    var rows = (List<object?>)query["results"]!;
                    int offset = (int)(long)request.Property("offset")!;
                    int count = (int)(long)request.Property("count")!;
                    var page = rows.Skip(offset).Take(count).ToList();
                    return FakeReply.Ok(request, new AmqpMap { { "attributeNames", query["attributeNames"] }, { "results", page } });
                }

            default:
                return FakeReply.Status(request, 501, "Not Implemented", null);
        }
    }
}
