using System;
using System.Linq;
using System.Threading;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The data of Train and Evaluate, hostile: wrong lengths, NaN and ±∞ planted first, middle and last, labels out of
/// range, targets the loss cannot mean, sizes past an array. Refused up front, naming the argument (and row and column),
/// the network untouched.
/// </summary>
public class TrainDataHostileTests
{
    private const int Rows = 12;
    private static readonly TrainingOptions Options = new() { Epochs = 2, BatchSize = 4 };
    private static readonly (float[] Inputs, int[] Labels) Data = TrainingTests.ToyClassification(SmallClassifier.InputSize, SmallClassifier.OutputSize, Rows, seed: 3);
    private static readonly float[] Targets = Hostile.OneHot(Data.Labels, SmallClassifier.OutputSize);

    public static TheoryData<string, float, int> PlantedValues()
    {
        var data = new TheoryData<string, float, int>();
        foreach (string where in new[] { "inputs", "targets", "validationInputs", "validationTargets" })
        {
            int length = where.EndsWith("nputs") ? Rows * SmallClassifier.InputSize : Rows * SmallClassifier.OutputSize;
            foreach (int at in Hostile.Places(length))
            {
                foreach (float value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }) data.Add(where, value, at);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PlantedValues))]
    public void NonFiniteDataIsNamedByRowAndColumn(string where, float value, int at)
    {
        var net = new SmallClassifier(1);
        float[] inputs = Data.Inputs.ToArray(), targets = Targets.ToArray(), validationInputs = Data.Inputs.ToArray(), validationTargets = Targets.ToArray();
        float[] spoilt = where switch { "inputs" => inputs, "targets" => targets, "validationInputs" => validationInputs, _ => validationTargets };
        spoilt[at] = value;
        int rowLength = where.EndsWith("nputs") ? SmallClassifier.InputSize : SmallClassifier.OutputSize;
        string place = $"row {at / rowLength}, column {at % rowLength}";

        Hostile.Refused<ArgumentException>(net, () => net.Train(inputs, targets, validationInputs, validationTargets, Options), where, place);
        if (where is "inputs" or "targets") Hostile.Refused<ArgumentException>(net, () => net.Evaluate(inputs, targets), where, place);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SmallClassifier.InputSize - 1)]
    [InlineData(Rows * SmallClassifier.InputSize + 1)]
    public void InputsThatAreNotWholeRowsAreRefused(int length)
    {
        var net = new SmallClassifier(1);
        var inputs = new float[length];
        Hostile.Refused<ArgumentException>(net, () => net.Train(inputs, Data.Labels, Options), "inputs", $"length {length}");
        Hostile.Refused<ArgumentException>(net, () => net.Train(Data.Inputs, Data.Labels, inputs, Data.Labels, Options), "validationInputs", $"length {length}");
        Hostile.Refused<ArgumentException>(net, () => net.Evaluate(inputs, Data.Labels), "inputs", $"length {length}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Rows * SmallClassifier.OutputSize - 1)]
    [InlineData(Rows * SmallClassifier.OutputSize + SmallClassifier.OutputSize)]
    public void TargetsOrLabelsOfAnotherLengthAreRefused(int length)
    {
        var net = new SmallClassifier(1);
        Hostile.Refused<ArgumentException>(net, () => net.Train(Data.Inputs, new float[length], Options), "targets", $"length {length}");
        Hostile.Refused<ArgumentException>(net, () => net.Train(Data.Inputs, Targets, Data.Inputs, new float[length], Options), "validationTargets", $"length {length}");
        Hostile.Refused<ArgumentException>(net, () => net.Train(Data.Inputs, new int[length / 3], Options), "labels", $"length {length / 3}");
        Hostile.Refused<ArgumentException>(net, () => net.Train(Data.Inputs, Data.Labels, Data.Inputs, new int[length / 3], Options), "validationLabels", $"length {length / 3}");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SmallClassifier.OutputSize)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void LabelsOutOfRangeAreNamedByRow(int label)
    {
        var net = new SmallClassifier(1);
        foreach (int row in Hostile.Places(Rows))
        {
            int[] labels = Data.Labels.ToArray();
            labels[row] = label;
            Hostile.Refused<ArgumentOutOfRangeException>(net, () => net.Train(Data.Inputs, labels, Options), "labels", $"Label of row {row} is {label}");
            Hostile.Refused<ArgumentOutOfRangeException>(net, () => net.Train(Data.Inputs, Data.Labels, Data.Inputs, labels, Options), "validationLabels", $"row {row}");
            Hostile.Refused<ArgumentOutOfRangeException>(net, () => net.Evaluate(Data.Inputs, labels), "labels", $"row {row}");
        }
    }

    [Fact]
    public void LabelsForARegressionAreRefused()
    {
        // A regressor's generated class has no label overload (that is a compile error); the
        // library entry point behind it still refuses labels for a mean-squared-error network.
        var net = new SmallRegressor(1);
        Hostile.Refused<ArgumentException>(net, () => Trainer.Train(net, new float[SmallRegressor.InputSize * 2], new[] { 0, 1 }, Options), "labels", "MeanSquaredError");
    }

    /// <summary>A target row planted over a one-hot row, and what the message must say.</summary>
    public static TheoryData<int, float[], string> CrossEntropyTargets() => new()
    {
        { 0, new[] { -5f, 10f, 0f }, "holds -5 at row 0, column 0" },   // the report's targets: a "loss" of −460
        { 5, new[] { 0f, 10f, 0f }, "holds 10 at row 5, column 1" },
        { Rows - 1, new[] { 0.5f, 0.5f, -float.Epsilon }, "at row 11, column 2" },
        { 6, new[] { 0.5f, 0.5f, 0.5f }, "row 6 sums to 1.5" },          // each in [0, 1], but not a distribution
        { 7, new[] { 0.5f, 0.4f, 0f }, "row 7 sums to 0.9" },
        { 3, new[] { 0f, 0f, 0f }, "row 3 sums to 0" },
    };

    [Theory]
    [MemberData(nameof(CrossEntropyTargets))]
    public void CrossEntropyTargetsMustBeDistributions(int row, float[] values, string phrase)
    {
        var net = new SmallClassifier(1);
        float[] targets = Targets.ToArray();
        values.CopyTo(targets, row * SmallClassifier.OutputSize);
        Hostile.Refused<ArgumentException>(net, () => net.Train(Data.Inputs, targets, Options), "targets", phrase);
        Hostile.Refused<ArgumentException>(net, () => net.Train(Data.Inputs, Targets, Data.Inputs, targets, Options), "validationTargets", phrase);
        Hostile.Refused<ArgumentException>(net, () => net.Evaluate(Data.Inputs, targets), "targets", phrase);
    }

    [Fact]
    public void CrossEntropyTargetsWithinRoundingOfADistributionAreAccepted()
    {
        float[] smoothed = Targets.Select(t => t == 1f ? 0.9f + 4e-4f : 0.05f).ToArray();   // rows sum to 1.0004
        var net = new SmallClassifier(1);
        Assert.Equal(StopReason.Completed, net.Train(Data.Inputs, smoothed, Options).StopReason);
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(-1f)]
    [InlineData(1.0001f)]
    [InlineData(-float.Epsilon)]
    public void BinaryCrossEntropyTargetsMustBeProbabilities(float value)
    {
        var net = new MultiLabelNet(1);
        var inputs = new float[Rows * MultiLabelNet.InputSize];
        foreach (int at in Hostile.Places(Rows * MultiLabelNet.OutputSize))
        {
            var targets = new float[Rows * MultiLabelNet.OutputSize];
            targets[at] = value;
            string phrase = $"at row {at / 2}, column {at % 2}: BinaryCrossEntropy targets are probabilities, each in [0, 1]";
            Hostile.Refused<ArgumentException>(net, () => net.Train(inputs, targets, Options), "targets", phrase);
            Hostile.Refused<ArgumentException>(net, () => net.Evaluate(inputs, targets), "targets", phrase);
        }
    }

    [Fact]
    public void TargetRowsPastAnIntAreCountedInLong()
    {
        // 65,537 rows of 65,536 targets need 4,295,032,832 values: in int arithmetic that is 65,536, which was accepted.
        var net = new WideSoftmax(1);
        var inputs = new float[65537];
        var targets = new float[65536];
        Hostile.Refused<ArgumentException>(net, () => net.Train(inputs, targets, Options), "targets", "65537 rows of 65536 targets need 4295032832");
        Hostile.Refused<ArgumentException>(net, () => net.Evaluate(inputs, targets), "targets", "need 4295032832");
    }

    [Fact]
    public void ABatchWhoseScratchCannotBeAllocatedIsRefusedByName()
    {
        // 32,768 rows of 65,536 scratch floats each pass 2³¹: full batch (or that BatchSize) cannot be held in an array.
        var net = new WideSoftmax(1);
        var inputs = new float[32768];
        var labels = new int[32768];
        string most = ((0x7FFFFFC7 - 15) / 65536).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Hostile.Refused<ArgumentOutOfRangeException>(net, () => net.Train(inputs, labels, new TrainingOptions { BatchSize = 0 }), nameof(TrainingOptions.BatchSize),
            "Batches of 32,768 samples (full batch)", $"at most {most}");
        Hostile.Refused<ArgumentOutOfRangeException>(net, () => net.Train(inputs, labels, new TrainingOptions { BatchSize = (0x7FFFFFC7 - 15) / 65536 + 1 }), nameof(TrainingOptions.BatchSize), $"at most {most}");

        // A batch that fits is accepted (and the run, cancelled before its first step, changes nothing).
        int[] before = TrainingTests.Bits(net.Parameters);
        TrainingReport report = net.Train(inputs, labels, new TrainingOptions { BatchSize = 8, CancellationToken = new CancellationToken(canceled: true) });
        Assert.Equal(StopReason.Cancelled, report.StopReason);
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
    }
}
