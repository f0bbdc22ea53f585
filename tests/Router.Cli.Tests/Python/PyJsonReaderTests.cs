using Skrouterd.Cli.Python;
using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.Python;

/// <summary>skmanage's --stdin/--body/--properties parsing must accept and reject what Python's json.loads does.</summary>
public sealed class PyJsonReaderTests
{
    private static readonly string[] _valid =
    [
        "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}}",
        "  [1, -2, 3.5, 1e3, -0, 0.000001, 123456789012345678901234567890]  ",
        "{\"dup\": 1, \"x\": 2, \"dup\": 3}",
        "\"\\u00e9\\ud83d\\ude00\\n\\t\\/\"",
        "[NaN, Infinity, -Infinity]",
        "{}",
        "[]",
    ];

    private static readonly string[] _invalid =
    [
        "", "{", "[1,]", "{\"a\" 1}", "{\"a\": 1,}", "{a: 1}", "[1 2]", "\"abc", "\"a\\x\"", "[1] x", "tru", "{\"a\":\n 1 x}",
        "\"tab\there\"", "-", "01",
    ];

    [Fact(Timeout = 60_000)]
    public async Task ValidDocuments_RoundTripLikePython()
    {
        string docs = string.Join(", ", _valid.Select(PyLiteral));
        string expected = await PythonOracle.RunAsync($"import json\nfor d in [{docs}]: print(json.dumps(json.loads(d)))");

        string actual = string.Concat(_valid.Select(d => PyJsonWriter.Dumps(PyJsonReader.Loads(d), null) + "\n"));

        Assert.Equal(expected, actual);
    }

    [Fact(Timeout = 60_000)]
    public async Task InvalidDocuments_FailWithPythonMessages()
    {
        string docs = string.Join(", ", _invalid.Select(PyLiteral));
        string expected = await PythonOracle.RunAsync(
            $"import json\nfor d in [{docs}]:\n try:\n  json.loads(d); print('ok')\n except ValueError as e: print(type(e).__name__ + ': ' + str(e))");

        var actual = new System.Text.StringBuilder();
        foreach (var d in _invalid)
        {
            try
            {
                PyJsonReader.Loads(d);
                actual.Append("ok\n");
            }
            catch (PyException e)
            {
                actual.Append(e.ToolLine).Append('\n');
            }
        }

        Assert.Equal(expected, actual.ToString());
    }

    private static string PyLiteral(string s) =>
        "'" + string.Concat(s.Select(c => c < 128 && c >= 32 && c != '\'' && c != '\\' ? c.ToString() : $"\\u{(int)c:x4}")) + "'";
}
