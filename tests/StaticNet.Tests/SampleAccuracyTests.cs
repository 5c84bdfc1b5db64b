using System;
using System.IO;
using StaticNet.Data;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The Digits sample's recipe (samples/Digits/Program.cs) reaches the accuracy the README promises.</summary>
public class SampleAccuracyTests
{
    [Fact]
    public void DigitsReachesNinetySixPercentOnItsHeldOutQuarter()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "Digits", "data", "digits.csv");
        (NumericTable pixels, int[] labels) = NumericTable.LoadCsv(path).SplitLabels(64);
        for (int i = 0; i < pixels.Values.Length; i++) pixels.Values[i] /= 16f;
        (int[] trainRows, int[] testRows) = Split.TrainTest(pixels.Rows, 0.25f, seed: 2024);

        var net = new DigitsNet(1);
        TrainingReport report = net.Train(pixels.SelectRows(trainRows).Values, Split.Select(labels, trainRows), new TrainingOptions
        {
            Epochs = 200, BatchSize = 32, Optimizer = Optimizer.Adam(0.003f), ValidationFraction = 0.15f,
            EarlyStopping = new EarlyStopping(patience: 15), Seed = 1,
        });
        EvaluationResult test = net.Evaluate(pixels.SelectRows(testRows).Values, Split.Select(labels, testRows));

        Assert.Equal(StopReason.EarlyStopped, report.StopReason);
        Assert.True(test.Accuracy >= 0.96f, $"test accuracy {test.Accuracy:P2}");
    }
}
