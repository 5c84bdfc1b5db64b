using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Every Train option and every settings factory at NaN, ±∞, 0, negative and int.MaxValue: refused by name before the
/// network is touched, or (where the value means something) accepted and honoured; options are read once, at the start.
/// </summary>
public class TrainOptionsHostileTests
{
    private static readonly (float[] Inputs, int[] Labels) Data = TrainingTests.ToyClassification(SmallClassifier.InputSize, SmallClassifier.OutputSize, 30, seed: 2);

    public static TheoryData<string, float> BadFloatOptions()
    {
        var data = new TheoryData<string, float>();
        foreach (string name in new[] { nameof(TrainingOptions.MaxGradientNorm), nameof(TrainingOptions.L1), nameof(TrainingOptions.ValidationFraction) })
        {
            foreach (float value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -1f, -float.Epsilon }) data.Add(name, value);
        }
        data.Add(nameof(TrainingOptions.ValidationFraction), 1f);
        data.Add(nameof(TrainingOptions.ValidationFraction), 2f);
        return data;
    }

    public static TheoryData<string, int> BadIntOptions() => new()
    {
        { nameof(TrainingOptions.Epochs), 0 }, { nameof(TrainingOptions.Epochs), -1 }, { nameof(TrainingOptions.Epochs), int.MinValue },
        { nameof(TrainingOptions.BatchSize), -1 }, { nameof(TrainingOptions.BatchSize), int.MinValue },
        { nameof(TrainingOptions.MaxDegreeOfParallelism), 0 }, { nameof(TrainingOptions.MaxDegreeOfParallelism), -1 }, { nameof(TrainingOptions.MaxDegreeOfParallelism), int.MinValue },
    };

    private static void Set(TrainingOptions options, string name, object value) => typeof(TrainingOptions).GetProperty(name)!.SetValue(options, value);

    [Theory]
    [MemberData(nameof(BadFloatOptions))]
    public void AFloatOptionOutOfRangeIsRefusedByName(string name, float value)
    {
        var net = new SmallClassifier(1);
        var options = new TrainingOptions();
        Set(options, name, value);
        Hostile.Refused<ArgumentOutOfRangeException>(net, () => net.Train(Data.Inputs, Data.Labels, options), name, name);
    }

    [Theory]
    [MemberData(nameof(BadIntOptions))]
    public void AnIntOptionOutOfRangeIsRefusedByName(string name, int value)
    {
        var net = new SmallClassifier(1);
        var options = new TrainingOptions();
        Set(options, name, value);
        Hostile.Refused<ArgumentOutOfRangeException>(net, () => net.Train(Data.Inputs, Data.Labels, options), name, name);
    }

    [Theory]
    [InlineData(nameof(TrainingOptions.Optimizer))]
    [InlineData(nameof(TrainingOptions.Schedule))]
    public void AMissingOptimizerOrScheduleIsRefusedByName(string name)
    {
        var net = new SmallClassifier(1);
        var options = new TrainingOptions();
        Set(options, name, null!);
        Hostile.Refused<ArgumentNullException>(net, () => net.Train(Data.Inputs, Data.Labels, options), name, name);
        Hostile.Refused<ArgumentNullException>(net, () => net.Train(Data.Inputs, Data.Labels, null!), "options");
    }

    [Fact]
    public void AValidationFractionThatLeavesNoTrainingRowIsRefused()
    {
        var net = new SmallClassifier(1);
        Hostile.Refused<ArgumentException>(net, () => net.Train(Data.Inputs.AsSpan(0, 4), Data.Labels.AsSpan(0, 1), new TrainingOptions { ValidationFraction = 0.5f }),
            nameof(TrainingOptions.ValidationFraction), "leaves no training rows out of 1");
    }

    public static TheoryData<string, Action> BadFactoryArguments() => new()
    {
        { "learningRate", () => Optimizer.Sgd(float.NaN) }, { "learningRate", () => Optimizer.Sgd(float.PositiveInfinity) },
        { "learningRate", () => Optimizer.Sgd(0f) }, { "learningRate", () => Optimizer.Sgd(-1f) },
        { "momentum", () => Optimizer.Sgd(0.1f, momentum: float.NaN) }, { "momentum", () => Optimizer.Sgd(0.1f, momentum: 1.5f) }, { "momentum", () => Optimizer.Sgd(0.1f, momentum: -0.1f) },
        { "dampening", () => Optimizer.Sgd(0.1f, dampening: float.NaN) }, { "dampening", () => Optimizer.Sgd(0.1f, dampening: 2f) },
        { "weightDecay", () => Optimizer.Sgd(0.1f, weightDecay: float.PositiveInfinity) }, { "weightDecay", () => Optimizer.Sgd(0.1f, weightDecay: -1f) },
        { "learningRate", () => Optimizer.Adam(float.NaN) }, { "learningRate", () => Optimizer.AdamW(float.NegativeInfinity) },
        { "beta1", () => Optimizer.Adam(beta1: 1f) }, { "beta1", () => Optimizer.Adam(beta1: float.NaN) }, { "beta2", () => Optimizer.Adam(beta2: -0.5f) },
        { "epsilon", () => Optimizer.Adam(epsilon: 0f) }, { "epsilon", () => Optimizer.Adam(epsilon: float.PositiveInfinity) },
        { "weightDecay", () => Optimizer.AdamW(weightDecay: float.NaN) },
        { "patience", () => new EarlyStopping(0) }, { "patience", () => new EarlyStopping(-1) }, { "patience", () => new EarlyStopping(int.MinValue) },
        { "minDelta", () => new EarlyStopping(3, minDelta: float.NaN) }, { "minDelta", () => new EarlyStopping(3, minDelta: -1f) }, { "minDelta", () => new EarlyStopping(3, minDelta: float.PositiveInfinity) },
        { "stepSize", () => LearningRateSchedule.StepDecay(0) }, { "stepSize", () => LearningRateSchedule.StepDecay(int.MinValue) },
        { "gamma", () => LearningRateSchedule.StepDecay(2, float.NaN) }, { "gamma", () => LearningRateSchedule.StepDecay(2, 0f) }, { "gamma", () => LearningRateSchedule.StepDecay(2, float.PositiveInfinity) },
        { "epochs", () => LearningRateSchedule.Cosine(0) }, { "minFactor", () => LearningRateSchedule.Cosine(5, float.NaN) }, { "minFactor", () => LearningRateSchedule.Cosine(5, 1.5f) },
        { "epochs", () => LearningRateSchedule.Constant.WithWarmup(-1) }, { "startFactor", () => LearningRateSchedule.Constant.WithWarmup(3, 0f) },
        { "startFactor", () => LearningRateSchedule.Constant.WithWarmup(3, float.NaN) }, { "startFactor", () => LearningRateSchedule.Constant.WithWarmup(3, 1.01f) },
    };

    [Theory]
    [MemberData(nameof(BadFactoryArguments))]
    public void SettingsFactoriesRefuseWhatTheyCannotMean(string parameter, Action create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter, error.Message);
    }

    [Fact]
    public void ExtremeValuesThatMeanSomethingAreHonoured()
    {
        TrainingReport Run(SmallClassifier net, Action<TrainingOptions> change)
        {
            var options = new TrainingOptions { Epochs = 3, BatchSize = 0, Optimizer = Optimizer.Adam(0.01f), Seed = 4 };
            change(options);
            return net.Train(Data.Inputs, Data.Labels, options);
        }
        var fullBatch = new SmallClassifier(2);
        Run(fullBatch, _ => { });
        int[] expected = TrainingTests.Bits(fullBatch.Parameters);

        // A batch larger than the data is the whole data; more threads than cores are the cores; any seed is a seed.
        var huge = new SmallClassifier(2);
        Assert.Equal(3, Run(huge, o => o.BatchSize = int.MaxValue).Steps);
        Assert.Equal(expected, TrainingTests.Bits(huge.Parameters));
        var threads = new SmallClassifier(2);
        Run(threads, o => o.MaxDegreeOfParallelism = int.MaxValue);
        Assert.Equal(expected, TrainingTests.Bits(threads.Parameters));
        var patient = new SmallClassifier(2);
        Assert.Equal(StopReason.Completed, Run(patient, o => o.EarlyStopping = new EarlyStopping(int.MaxValue, restoreBest: false)).StopReason);
        Assert.Equal(expected, TrainingTests.Bits(patient.Parameters));
        Assert.Equal(3, Run(new SmallClassifier(2), o => o.Seed = int.MinValue).Epochs.Count);
    }

    [Fact]
    public void EpochsIntMaxValueTrainsUntilEarlyStoppingEnds()
    {
        // The epoch list grows with the epochs run: it used to be allocated for all int.MaxValue of them up front.
        var random = new Random(5);
        float[] inputs = Enumerable.Range(0, 20 * 3).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = Enumerable.Range(0, 20).SelectMany(i => new[] { inputs[i * 3], inputs[i * 3 + 2] }).ToArray();
        float[] opposite = targets.Select(t => -t).ToArray();
        var net = new SmallRegressor(1);

        TrainingReport report = net.Train(inputs, targets, inputs, opposite, new TrainingOptions
        {
            Epochs = int.MaxValue, BatchSize = 5, Optimizer = Optimizer.Sgd(0.05f), EarlyStopping = new EarlyStopping(patience: 2),
        });

        Assert.Equal(StopReason.EarlyStopped, report.StopReason);
        Assert.Equal(report.BestEpoch + 2, report.Epochs.Count);
        Assert.Equal(Enumerable.Range(1, report.Epochs.Count), report.Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public void AnAlreadyCancelledRunOfAHundredMillionEpochsAllocatesAlmostNothing()
    {
        var net = new SmallClassifier(3);
        int[] before = TrainingTests.Bits(net.Parameters);
        var options = new TrainingOptions { Epochs = 100_000_000, CancellationToken = new CancellationToken(canceled: true) };
        net.Train(Data.Inputs, Data.Labels, options);   // the network's training buffers, and the JIT, once
        long start = GC.GetAllocatedBytesForCurrentThread();
        TrainingReport report = net.Train(Data.Inputs, Data.Labels, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - start;

        Assert.Equal(StopReason.Cancelled, report.StopReason);
        Assert.Empty(report.Epochs);
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
        // The report, its message, the row order and room for the first 256 epochs' entries (6 KB): 2.4 GB before.
        Assert.True(allocated < 16 * 1024, $"{allocated} bytes");
    }

    [Fact]
    public void OptionsChangedFromTheProgressCallbackDoNotReachTheRunningCall()
    {
        TrainingOptions Options() => new()
        {
            Epochs = 4, BatchSize = 6, Optimizer = Optimizer.Sgd(0.1f, momentum: 0.9f), Schedule = LearningRateSchedule.Cosine(4),
            MaxGradientNorm = 1f, Seed = 7, EarlyStopping = new EarlyStopping(patience: 10, restoreBest: false),
        };
        var undisturbed = new SmallClassifier(5);
        TrainingReport expected = undisturbed.Train(Data.Inputs, Data.Labels, Options());

        var net = new SmallClassifier(5);
        TrainingOptions options = Options();
        var seen = new List<int>();
        options.Progress = new CallbackProgress(e =>
        {
            seen.Add(e.Epoch);
            options.Epochs = 1;
            options.Schedule = null!;
            options.Optimizer = null!;
            options.MaxGradientNorm = float.NaN;
            options.L1 = float.PositiveInfinity;
            options.BatchSize = -3;
            options.Shuffle = false;
            options.Seed = 99;
            options.EarlyStopping = new EarlyStopping(patience: 1);
            options.MaxDegreeOfParallelism = 0;
            options.CancellationToken = new CancellationToken(canceled: true);
            options.Progress = null;
        });
        TrainingReport report = net.Train(Data.Inputs, Data.Labels, options);

        Assert.Equal(new[] { 1, 2, 3, 4 }, seen);
        Assert.Equal(expected.Epochs, report.Epochs);
        Assert.Equal(expected.Message, report.Message);
        Assert.Equal(TrainingTests.Bits(undisturbed.Parameters), TrainingTests.Bits(net.Parameters));
    }
}
