using System.Globalization;
using System.Text;
using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Python;
using Skrouterd.Cli.Tests.Fakes;
using Skrouterd.Management;
using Xunit;

namespace Skrouterd.Cli.Tests.Python;

/// <summary>Python's repr/str of floats, strings and proton's typed values, as skstat prints them.</summary>
public sealed class PyTextTests
{
    private static readonly double[] _floats =
    [
        0.1, 0.5, 1.0, 2.5, 100.0, 1e15, 1e16, 1.5e16, 1234567890123456.0, 12345678901234567.0, 1e-4, 1e-5, 0.00012345,
        123.456, -7.25, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 1.0 / 3, 2.0 / 3, 9007199254740993.0,
        0.30000000000000004, 4.35, 1e22, 1e23, 123456.789e10,
    ];

    [Fact(Timeout = 60_000)]
    public async Task FloatRepr_MatchesPython()
    {
        string literals = string.Join(", ", _floats.Select(f => "float('" + f.ToString("R", CultureInfo.InvariantCulture) + "')"));
        string expected = await PythonOracle.RunAsync($"for f in [{literals}]: print(repr(f))");

        string actual = string.Concat(_floats.Select(f => PyFloat.Repr(f) + "\n"));

        Assert.Equal(expected, actual);
    }

    [Fact(Timeout = 60_000)]
    public async Task FixedPointFormat_MatchesPercentF()
    {
        double[] values = [0.125, 0.375, 2.675, 1.005, 462.0, 26.1328125, 9.995, 99.95, 0.5, 1.5, 2.5, 1023.999];
        string literals = string.Join(", ", values.Select(f => "float('" + f.ToString("R", CultureInfo.InvariantCulture) + "')"));
        string expected = await PythonOracle.RunAsync($"for f in [{literals}]:\n print('%.2f %.1f %.0f' % (f, f, f))");

        string actual = string.Concat(values.Select(f => $"{PyFloat.Fixed(f, 2)} {PyFloat.Fixed(f, 1)} {PyFloat.Fixed(f, 0)}\n"));

        Assert.Equal(expected, actual);
    }

    [Fact(Timeout = 60_000)]
    public async Task StringRepr_MatchesPython()
    {
        string[] samples = ["plain", "it's", "say \"hi\"", "both ' and \"", "back\\slash", "tab\tnl\ncr\r", "bell\u0007\u007f",
            "é ß 中", "nbsp\u00a0zero\u200b", "emoji \U0001F600", "ctl\u0085", ""];
        var literal = new StringBuilder("[");
        foreach (var s in samples)
        {
            literal.Append('"');
            foreach (var r in s.EnumerateRunes())
            {
                literal.Append(CultureInfo.InvariantCulture, $"\\U{r.Value:x8}");
            }

            literal.Append("\", ");
        }

        literal.Append(']');
        string expected = await PythonOracle.RunAsync($"for s in {literal}: print(repr(s))");

        string actual = string.Concat(samples.Select(s => PythonRepr.StringRepr(s) + "\n"));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ProtonTypes_StrLikeProton()
    {
        Assert.Equal("ulong(5)", PyText.Str(5UL));
        Assert.Equal("uint(5)", PyText.Str(5U));
        Assert.Equal("int32(-1)", PyText.Str(-1));
        Assert.Equal("5", PyText.Str(5L));
        Assert.Equal("x", PyText.Str(new AmqpSymbol("x")));
        Assert.Equal("symbol('x')", PyText.Repr(new AmqpSymbol("x")));
        Assert.Equal("True", PyText.Str(true));
        Assert.Equal("None", PyText.Str(null));
        Assert.Equal("float32(1.5)", PyText.Str(1.5f));
        Assert.Equal("['a', 'b']", PyText.Repr(new List<object?> { "a", "b" }));
        Assert.Equal("{'a': 1, symbol('b'): None}", PyText.Repr(new AmqpMap { { "a", 1L }, { new AmqpSymbol("b"), null } }));
        Assert.Equal("b\"\\x00a'\"", PyText.Repr(new byte[] { 0, (byte)'a', (byte)'\'' }));
    }
}
