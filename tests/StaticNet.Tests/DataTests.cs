using System;
using System.IO;
using System.Linq;
using StaticNet.Data;
using Xunit;

namespace StaticNet.Tests;

public class DataTests
{
    [Fact]
    public void CsvLoadsRowMajorAndSplitsLabels()
    {
        NumericTable table = NumericTable.ParseCsv(new StringReader("x,y,label\n1,2.5,0\n\n-3,4e-1,2\n"), hasHeader: true);
        Assert.Equal(2, table.Rows);
        Assert.Equal(3, table.Columns);
        Assert.Equal(new[] { 1f, 2.5f, 0f, -3f, 0.4f, 2f }, table.Values);

        (NumericTable features, int[] labels) = table.SplitLabels(labelColumn: 2);
        Assert.Equal(new[] { 1f, 2.5f, -3f, 0.4f }, features.Values);
        Assert.Equal(new[] { 0, 2 }, labels);
        Assert.Equal(new[] { -3f, 0.4f }, features.Row(1).ToArray());
        Assert.Equal(new[] { -3f, 0.4f, 1f, 2.5f }, features.SelectRows(new[] { 1, 0 }).Values);
    }

    [Theory]
    [InlineData("1,2\n3\n", "Line 2 has 1 columns")]
    [InlineData("1,2\n3,x\n", "Line 2, column 2: 'x'")]
    [InlineData("", "no rows")]
    public void BadCsvSaysWhere(string text, string message)
        => Assert.Contains(message, Assert.Throws<FormatException>(() => NumericTable.ParseCsv(new StringReader(text))).Message);

    [Fact]
    public void LabelsMustBeWholeNumbers()
        => Assert.Throws<FormatException>(() => NumericTable.ParseCsv(new StringReader("1,0.5\n")).SplitLabels(1));

    [Fact]
    public void ShippedDigitsLoad()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "Digits", "data", "digits.csv");
        (NumericTable pixels, int[] labels) = NumericTable.LoadCsv(path).SplitLabels(64);
        Assert.Equal(1797, pixels.Rows);
        Assert.Equal(64, pixels.Columns);
        Assert.Equal(Enumerable.Range(0, 10), labels.Distinct().OrderBy(l => l));
        Assert.InRange(pixels.Values.Max(), 16f, 16f);
    }

    [Fact]
    public void SplitIsSeededDisjointAndComplete()
    {
        (int[] train, int[] test) = Split.TrainTest(100, 0.25f, seed: 3);
        Assert.Equal(75, train.Length);
        Assert.Equal(25, test.Length);
        Assert.Equal(Enumerable.Range(0, 100), train.Concat(test).OrderBy(i => i));
        Assert.Equal(test, Split.TrainTest(100, 0.25f, seed: 3).Test);
        Assert.NotEqual(test, Split.TrainTest(100, 0.25f, seed: 4).Test);
        Assert.Equal(new[] { 30, 10 }, Split.Select(new[] { 10, 20, 30 }, new[] { 2, 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Split.TrainTest(10, 1f, 0));
    }

    [Fact]
    public void ScalersFitColumnsAndApplyTheSameMapLater()
    {
        float[] rows = { 0, 10, 5, 2, 20, 5, 4, 30, 5 }; // 3 rows × 3 columns; the last column is constant
        Scaler minMax = Scaler.MinMax(rows, 3);
        float[] scaled = rows.ToArray();
        minMax.Transform(scaled);
        Assert.Equal(new[] { 0f, 0f, 0f, 0.5f, 0.5f, 0f, 1f, 1f, 0f }, scaled);
        float[] live = { 8, 40, 7 };
        minMax.Transform(live);
        Assert.Equal(new[] { 2f, 1.5f, 0f }, live);

        Scaler standard = Scaler.Standard(rows, 3);
        float[] standardised = rows.ToArray();
        standard.Transform(standardised);
        for (int c = 0; c < 2; c++)
        {
            float[] column = { standardised[c], standardised[3 + c], standardised[6 + c] };
            Assert.Equal(0, column.Average(), 5);
            Assert.Equal(1, Math.Sqrt(column.Select(v => v * v).Average()), 5);
        }
        Assert.Throws<ArgumentException>(() => minMax.Transform(new float[4]));
    }
}
