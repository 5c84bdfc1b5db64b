using System;
using System.IO;
using System.Linq;
using StaticNet.Data;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// StaticNet.Data, hostile: CSV cells that are not finite numbers, indices out of range, values that break a
/// one-pass float variance, NaN and ±∞ planted first, middle and last while fitting a scaler.
/// </summary>
public class DataHelperHostileTests
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e39")]     // beyond float: parses to ∞
    [InlineData("-3.5e38")]
    public void CsvCellsThatAreNotFiniteNumbersAreRefusedWhereTheyAre(string cell)
    {
        foreach ((int line, int column) in new[] { (1, 1), (2, 2), (3, 3) })
        {
            string[][] cells = { new[] { "1", "2", "3" }, new[] { "4", "5", "6" }, new[] { "7", "8", "9" } };
            cells[line - 1][column - 1] = cell;
            string text = string.Join("\n", cells.Select(r => string.Join(",", r)));
            var error = Assert.Throws<FormatException>(() => NumericTable.ParseCsv(new StringReader(text)));
            Assert.Contains($"Line {line}, column {column}: '{cell}'", error.Message);
            Assert.Contains("allowNonFinite", error.Message);

            float kept = NumericTable.ParseCsv(new StringReader(text), allowNonFinite: true).Values[(line - 1) * 3 + column - 1];
            Assert.False(float.IsFinite(kept));
        }
    }

    [Fact]
    public void ALoadedFileRefusesNonFiniteCellsToo()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "a,b\n1,2\n3,1e40\n");
            Assert.Contains("Line 3, column 2: '1e40'", Assert.Throws<FormatException>(() => NumericTable.LoadCsv(path, hasHeader: true)).Message);
            Assert.True(float.IsPositiveInfinity(NumericTable.LoadCsv(path, hasHeader: true, allowNonFinite: true).Values[3]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void IndicesOutOfRangeAreNamedWithTheirPositionAndTheCount(int index)
    {
        var table = new NumericTable(new float[] { 1, 2, 3, 4, 5, 6 }, 2);   // 3 rows
        int[] labels = { 7, 8, 9 };
        foreach (int at in Hostile.Places(5))
        {
            var rows = new[] { 0, 1, 2, 1, 0 };
            rows[at] = index;
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => table.SelectRows(rows));
            Assert.Equal("rows", error.ParamName);
            Assert.Contains($"rows[{at}] is {index}, but the table has 3 rows (0 to 2)", error.Message);
            error = Assert.Throws<ArgumentOutOfRangeException>(() => Split.Select(labels, rows));
            Assert.Equal("rows", error.ParamName);
            Assert.Contains($"rows[{at}] is {index}, but there are 3 rows (0 to 2)", error.Message);
        }
        Assert.Contains("rows 0 to 2", Assert.Throws<ArgumentOutOfRangeException>("row", () => table.Row(index)).Message);
        Assert.Throws<ArgumentNullException>("labels", () => Split.Select(null!, new[] { 0 }));
    }

    [Theory]
    [InlineData(1, 0.5f)]
    [InlineData(0, 0.5f)]
    [InlineData(-1, 0.5f)]
    [InlineData(int.MaxValue, 0.5f)]
    [InlineData(10, float.NaN)]
    [InlineData(10, float.PositiveInfinity)]
    [InlineData(10, float.NegativeInfinity)]
    [InlineData(10, 0f)]
    [InlineData(10, 1f)]
    [InlineData(10, -0.5f)]
    public void SplitRefusesCountsAndFractionsItCannotSplit(int count, float fraction)
    {
        string parameter = count is < 2 or int.MaxValue ? "count" : "testFraction";
        Assert.Throws<ArgumentOutOfRangeException>(parameter, () => Split.TrainTest(count, fraction, seed: 1));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(2147483648f)]   // 2³¹: past int, where the cast used to wrap
    [InlineData(-1f)]
    [InlineData(0.5f)]
    [InlineData(float.PositiveInfinity)]
    public void LabelsThatAreNotClassNumbersAreRefused(float label)
    {
        var table = new NumericTable(new[] { 1f, 0f, 2f, label }, 2);
        Assert.Contains("Row 1: label", Assert.Throws<FormatException>(() => table.SplitLabels(1)).Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void ScalersRefuseNonFiniteValuesByRowAndColumn(float value)
    {
        foreach (int at in Hostile.Places(12))
        {
            float[] rows = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();   // 4 rows × 3 columns
            rows[at] = value;
            string place = $"row {at / 3}, column {at % 3}";
            Assert.Contains(place, Assert.Throws<ArgumentException>("rows", () => Scaler.Standard(rows, 3)).Message);
            Assert.Contains(place, Assert.Throws<ArgumentException>("rows", () => Scaler.MinMax(rows, 3)).Message);
        }
    }

    [Fact]
    public void ScalersRefuseShapesThatAreNotRows()
    {
        Assert.Throws<ArgumentOutOfRangeException>("columns", () => Scaler.Standard(new float[4], 0));
        Assert.Throws<ArgumentOutOfRangeException>("columns", () => Scaler.MinMax(new float[4], -1));
        Assert.Throws<ArgumentException>("rows", () => Scaler.Standard(new float[5], 2));
        Assert.Throws<ArgumentException>("rows", () => Scaler.MinMax(Array.Empty<float>(), 2));
        Assert.Throws<ArgumentException>("rows", () => Scaler.Standard(new float[4], 2).Transform(new float[3]));
    }

    [Fact]
    public void StandardScalingKeepsASmallSpreadOnLargeValues()
    {
        // 1e8 and 1e8 + 8 alternating: mean 1e8 + 4, standard deviation 4. A one-pass float variance zeroes them both.
        float[] column = Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 1e8f : 1e8f + 8f).ToArray();
        Scaler scaler = Scaler.Standard(column, 1);
        float[] scaled = column.ToArray();
        scaler.Transform(scaled);
        Assert.All(scaled.Where((_, i) => i % 2 == 0), v => Assert.Equal(-1f, v, 6));
        Assert.All(scaled.Where((_, i) => i % 2 == 1), v => Assert.Equal(1f, v, 6));
    }

    [Fact]
    public void StandardScalingKeepsItsSpreadOverMillionsOfRows()
    {
        // 100,000 and 100,001, 4 million rows: Σx² − n·mean² cancels to nothing (the variance came out 0).
        const int n = 4_000_000;
        var column = new float[n];
        for (int i = 0; i < n; i++) column[i] = i % 2 == 0 ? 100_000f : 100_001f;
        Scaler scaler = Scaler.Standard(column, 1);
        var probe = new[] { 100_000f, 100_001f };
        scaler.Transform(probe);
        Assert.Equal(-1f, probe[0], 5);
        Assert.Equal(1f, probe[1], 5);
    }

    [Fact]
    public void MinMaxScalingSpansTheWholeFloatRange()
    {
        // max − min = 6.8e38 overflows a float: the factor came out 0 and every value mapped to 0.
        Scaler scaler = Scaler.MinMax(new[] { -3.4e38f, 0f, 3.4e38f }, 1);
        var probe = new[] { -3.4e38f, 0f, 3.4e38f };
        scaler.Transform(probe);
        Assert.Equal(new[] { 0f, 0.5f, 1f }, probe);
    }
}
