using System.Numerics;
using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Python;
using Skrouterd.Cli.Tests.Fakes;
using Xunit;

namespace Skrouterd.Cli.Tests.Python;

/// <summary>skmanage's JSON must be what Python's json.dumps prints for the same values.</summary>
public sealed class PyJsonWriterTests
{
    /// <summary>A value covering the cases that differ between JSON printers, with the equivalent Python literal.</summary>
    private static (object? Value, string Python) Sample()
    {
        var inner = new AmqpMap
        {
            { "name", "listener/127.0.0.1:24001:amqp" },
            { new AmqpSymbol("sym"), new AmqpSymbol("symbol value") },
            { "port", "24001" },
            { "cost", 1L },
            { "big", ulong.MaxValue },
            { "int32", -7 },
            { "ubyte", (byte)200 },
            { "healthz", true },
            { "off", false },
            { "none", null },
            { "empty", new List<object?>() },
            { "emptyMap", new AmqpMap() },
            { "floats", new List<object?> { 0.1, 1e16, 1e-5, 123456789012345678.0, -0.0, 2.5f, 1.0, 3e-310 } },
            { "text", "quote\" back\\ nl\n tab\t cr\r bell\u0007 del\u007f é ß 中 \U0001F600" },
            { 5L, "int key" },
            { new List<object?> { new AmqpMap { { "a", new List<object?> { 1L, 2L } } } }.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "count" },
        };
        object value = new List<object?> { inner, new List<object?>(), new AmqpMap(), BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture) };
        string python = """
            [{"name": "listener/127.0.0.1:24001:amqp", "sym": "symbol value", "port": "24001", "cost": 1,
              "big": 18446744073709551615, "int32": -7, "ubyte": 200, "healthz": True, "off": False, "none": None,
              "empty": [], "emptyMap": {}, "floats": [0.1, 1e16, 1e-5, 123456789012345678.0, -0.0, 2.5, 1.0, 3e-310],
              "text": "quote\" back\\ nl\n tab\t cr\r bell\x07 del\x7f \u00e9 \u00df \u4e2d \U0001F600",
              5: "int key", "1": "count"}, [], {}, 123456789012345678901234567890]
            """;
        return (value, python);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-3)]
    public async Task Dumps_MatchesPythonJsonDumps(int indent)
    {
        var (value, python) = Sample();
        string pyIndent = indent == -1 ? "None" : indent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string expected = await PythonOracle.RunAsync($"import json,sys\nsys.stdout.write(json.dumps({python}, indent={pyIndent}))");

        Assert.Equal(expected, PyJsonWriter.Dumps(value, indent == -1 ? null : indent));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Dumps_NonFiniteFloats_UsePythonSpelling(double value, string expected) =>
        Assert.Equal(expected, PyJsonWriter.Dumps(value, 2));

    [Theory]
    [InlineData(new byte[] { 1 }, "bytes")]
    public void Dumps_Binary_RaisesTypeError(object value, string typeName)
    {
        var e = Assert.Throws<PyException>(() => PyJsonWriter.Dumps(new List<object?> { value }, 2));
        Assert.Equal($"TypeError: Object of type {typeName} is not JSON serializable", e.ToolLine);
    }

    [Fact]
    public void Dumps_Uuid_RaisesTypeError()
    {
        var e = Assert.Throws<PyException>(() => PyJsonWriter.Dumps(Guid.Empty, 2));
        Assert.Equal("TypeError: Object of type UUID is not JSON serializable", e.ToolLine);
    }

    [Fact]
    public void Dumps_DuplicateKeys_KeepFirstPositionAndLastValue()
    {
        var map = new AmqpMap { { "a", 1L }, { "b", 2L }, { new AmqpSymbol("a"), 3L } };
        Assert.Equal("{\"a\": 3, \"b\": 2}", PyJsonWriter.Dumps(map, null));
    }
}
