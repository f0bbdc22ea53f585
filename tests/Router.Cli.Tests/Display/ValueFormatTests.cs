using System.Globalization;
using Skrouterd.Amqp.Codec;
using Skrouterd.Cli.Display;
using Skrouterd.Cli.Python;
using Xunit;

namespace Skrouterd.Cli.Tests.Display;

/// <summary>The skstat formatters (display.py) on the values the router sends.</summary>
public sealed class ValueFormatTests
{
    [Theory]
    [InlineData(0L, "000:00:00:00")]
    [InlineData(7L, "000:00:00:07")]
    [InlineData(90061L, "001:01:01:01")]
    [InlineData(86400L * 1234, "1234:00:00:00")]
    [InlineData(-1L, "-01:23:59:59")]
    public void TimeLong_DaysHoursMinutesSeconds(long seconds, string expected) =>
        Assert.Equal(expected, ValueFormat.TimeLong(seconds));

    [Fact]
    public void TimeLong_OfUlongAndFloat() =>
        Assert.Equal(("000:00:01:05", "000:00:01:05"), (ValueFormat.TimeLong(65UL), ValueFormat.TimeLong(65.9)));

    [Fact]
    public void TimeLong_OfNone_RaisesTypeError() =>
        Assert.Equal(
            "TypeError: unsupported operand type(s) for //: 'NoneType' and 'int'",
            Assert.Throws<PyException>(() => ValueFormat.TimeLong(null)).ToolLine);

    [Theory]
    [InlineData(3661_000_000_000L, "01:01:01")]
    [InlineData(90000_000_000_000L, "01:00:00")]
    [InlineData(999_999_999L, "00:00:00")]
    public void TimeShort_TimeOfDayOfNanoseconds(long ns, string expected) =>
        Assert.Equal(expected, ValueFormat.TimeShort(ns));

    [Theory]
    [InlineData(1023L, 1024, "1023")]
    [InlineData(1024L, 1024, "1.00 KiB")]
    [InlineData(10240L, 1024, "10.0 KiB")]
    [InlineData(102400L, 1024, "100 KiB")]
    [InlineData(484442112L, 1024, "462 MiB")]
    [InlineData(27394048L, 1024, "26.1 MiB")]
    [InlineData(999L, 1000, "999")]
    [InlineData(1000L, 1000, "1.00 k")]
    [InlineData(5_000_000_000_000_000_000L, 1000, "5000 p")]
    public void NumKmg_ScalesWithSuffix(long value, int numberBase, string expected) =>
        Assert.Equal(expected, ValueFormat.NumKmg(value, numberBase));

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1234", "1,234")]
    [InlineData("1234567", "1,234,567")]
    [InlineData("-123", "-,123")]
    [InlineData("abcdefg", "a,bcd,efg")]
    public void Commas_GroupsFromTheRight(string text, string expected) =>
        Assert.Equal(expected, ValueFormat.Commas(text));

    [Fact]
    public void PlainNum_FormatsNumbersAndFallsBackToStr()
    {
        Assert.Equal("5", ValueFormat.PlainNum(5UL));
        Assert.Equal("2", ValueFormat.PlainNum(2.7));
        Assert.Equal("-2", ValueFormat.PlainNum(-2.7));
        Assert.Equal("1", ValueFormat.PlainNum(true));
        Assert.Equal("abc", ValueFormat.PlainNum("abc"));
        Assert.Equal("None", ValueFormat.PlainNum(null));
        Assert.Equal("nan", ValueFormat.PlainNum(double.NaN));
        Assert.Equal("x", ValueFormat.PlainNum(new AmqpSymbol("x")));
    }

    [Fact]
    public void Column_FormatsNoneAsEmptyAndFailuresAsQuestionMark()
    {
        Assert.Equal("", new Column("x", ColumnFormat.TimeLong).Formatted(null));
        Assert.Equal("?", new Column("x", ColumnFormat.TimeLong).Formatted("text"));
        Assert.Equal("Y", new Column("x", ColumnFormat.YesNo).Formatted(1L));
        Assert.Equal("", new Column("x", ColumnFormat.Y).Formatted(false));
    }

    [Fact]
    public void ClassicTable_WithoutRows_PrintsOnlyTheTitle()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        new TableDisplay(output, BodyFormat.Classic).FormattedTable("Title", [new Column("a")], []);
        Assert.Equal("Title\n", output.ToString());
    }

    [Fact]
    public void ClassicTable_PadsShortRowsAndDoesNotPadTheLastColumn()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        new TableDisplay(output, BodyFormat.Classic).FormattedTable(
            "T", [new Column("id"), new Column("name"), new Column("n", ColumnFormat.Commas)], [["1", "é中"], ["22", "b", 1234L], [null, true, null]]);
        Assert.Equal(
            "T\n  id  name  n\n  =================\n  1   é中    \n  22  b     1,234\n      True  \n",
            output.ToString());
    }

    [Fact]
    public void CsvTable_QuotesFieldsAndDoublesQuotes()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        new TableDisplay(output, BodyFormat.Csv).FormattedTable("T", [new Column("a"), new Column("b")], [["say \"x\"", null]]);
        Assert.Equal("T\n\"a\",\"b\"\n\"say \"\"x\"\"\",\n", output.ToString());
    }

    [Fact]
    public void Sorter_IsStableAndOrdersByCodePoint()
    {
        Column[] heads = [new("k"), new("v")];
        var sorted = RowSorter.Sort(heads, [["b", 1L], ["$a", 2L], ["b", 3L], ["A", 4L], ["\U0001F600", 5L], ["\uffff", 6L]], "k");
        Assert.Equal([2L, 4L, 1L, 3L, 6L, 5L], sorted.Select(r => (long)r[1]!));
    }

    [Fact]
    public void Sorter_MixedTypes_RaiseTypeError() =>
        Assert.Equal(
            "TypeError: '<' not supported between instances of 'NoneType' and 'str'",
            Assert.Throws<PyException>(() => RowSorter.Sort([new Column("k")], [["a"], [null]], "k")).ToolLine);
}
