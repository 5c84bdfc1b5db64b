using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// A Train call that returns leaves finite parameters, exactly those its report names — after a divergence the last whose
/// loss was finite — and says what became non-finite, with advice that fits it.
/// </summary>
public class DivergenceTests
{
    private static readonly (float[] Inputs, float[] Targets) Data = Hostile.Regression(32, seed: 1);

    private static TrainingOptions FullBatchSgd(int epochs, EarlyStopping? early = null) => new()
    {
        Epochs = epochs, BatchSize = 0, Optimizer = Optimizer.Sgd(2f), EarlyStopping = early,
    };

    /// <summary>The parameters a network of seed 1 has after <paramref name="epochs"/> epochs of the same run (0: its start).</summary>
    private static DivergingRegressor Replay(Func<int, TrainingOptions> options, int epochs)
    {
        var net = new DivergingRegressor(1);
        if (epochs > 0) net.Train(Data.Inputs, Data.Targets, options(epochs));
        return net;
    }

    private static void AssertFiniteAndEvaluable(DivergingRegressor net)
    {
        Assert.All(net.Parameters.ToArray(), v => Assert.True(float.IsFinite(v), $"parameter {v}"));
        Assert.True(float.IsFinite(net.Evaluate(Data.Inputs, Data.Targets).Loss), "the held parameters' loss is not finite");
    }

    [Fact]
    public void DivergedFullBatchRunHoldsTheParametersBeforeTheUpdateThatDiverged()
    {
        var net = new DivergingRegressor(1);
        TrainingReport report = net.Train(Data.Inputs, Data.Targets, FullBatchSgd(200));

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        AssertFiniteAndEvaluable(net);
        // One step an epoch: the epoch that failed computed its loss with the previous epoch's update, so the network goes
        // back one epoch further than the failing epoch's start — to the parameters before that update.
        Assert.Equal(report.Epochs.Count, report.ParametersEpoch + 1);
        Assert.Equal(report.ParametersEpoch, report.ParametersStep);
        Assert.Equal(report.Steps, report.ParametersStep + 1);
        Assert.Equal(TrainingTests.Bits(Replay(e => FullBatchSgd(e), report.ParametersEpoch).Parameters), TrainingTests.Bits(net.Parameters));
        // They are the last whose loss was finite: one more full-batch step by hand (a Train call would check it) and it is not.
        var next = new DivergingRegressor(1);
        net.Parameters.CopyTo(next.Parameters);
        var gradient = new float[DivergingRegressor.ParameterCount];
        for (int i = 0; i < Data.Targets.Length; i++) next.AccumulateGradients(Data.Inputs.AsSpan(2 * i, 2), Data.Targets.AsSpan(i, 1), gradient);
        for (int k = 0; k < gradient.Length; k++) next.Parameters[k] -= 2f * gradient[k] / Data.Targets.Length;
        Assert.False(float.IsFinite(next.Evaluate(Data.Inputs, Data.Targets).Loss));
        Assert.Contains($"in epoch {report.Epochs.Count + 1}", report.Message);
        Assert.Contains($"holds the parameters from the start of epoch {report.ParametersEpoch + 1}, the last whose loss was finite", report.Message);
        Assert.Contains("Lower the learning rate", report.Message);
    }

    [Fact]
    public void TheLastUpdateOfARunIsCheckedToo()
    {
        // The run stops exactly at the epoch whose update diverges: no later batch computes a loss with its parameters.
        TrainingReport diverging = new DivergingRegressor(1).Train(Data.Inputs, Data.Targets, FullBatchSgd(200));
        int lastEpoch = diverging.Epochs.Count;   // its update gives the parameters whose loss is ∞

        var net = new DivergingRegressor(1);
        TrainingReport report = net.Train(Data.Inputs, Data.Targets, FullBatchSgd(lastEpoch));

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        AssertFiniteAndEvaluable(net);
        Assert.Equal(lastEpoch, report.Epochs.Count);
        Assert.Equal(lastEpoch - 1, report.ParametersEpoch);
        Assert.Equal(TrainingTests.Bits(Replay(e => FullBatchSgd(e), lastEpoch - 1).Parameters), TrainingTests.Bits(net.Parameters));
        Assert.Contains($"after step {lastEpoch}", report.Message);
    }

    [Fact]
    public void DivergedMiniBatchRunHoldsTheStartOfTheLastEpochWhoseLossWasFinite()
    {
        TrainingOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 8, Optimizer = Optimizer.Sgd(2f), Seed = 4 };
        var net = new DivergingRegressor(1);
        TrainingReport report = net.Train(Data.Inputs, Data.Targets, Options(200));

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        AssertFiniteAndEvaluable(net);
        Assert.InRange(report.ParametersEpoch, report.Epochs.Count - 1, report.Epochs.Count);
        Assert.Equal(4L * report.ParametersEpoch, report.ParametersStep);   // four batches an epoch
        Assert.True(report.ParametersStep < report.Steps || report.Steps == 0);
        Assert.Equal(TrainingTests.Bits(Replay(Options, report.ParametersEpoch).Parameters), TrainingTests.Bits(net.Parameters));
        Assert.Contains($"start of epoch {report.ParametersEpoch + 1}", report.Message);
    }

    [Fact]
    public void DivergedRunThatRestoresTheBestEpochHoldsIt()
    {
        var net = new DivergingRegressor(1);
        TrainingReport report = net.Train(Data.Inputs, Data.Targets, FullBatchSgd(200, new EarlyStopping(patience: 1000)));

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        AssertFiniteAndEvaluable(net);
        Assert.InRange(report.BestEpoch, 1, report.Epochs.Count);
        Assert.Equal(report.BestEpoch, report.ParametersEpoch);
        Assert.Equal(report.BestEpoch, report.ParametersStep);
        Assert.Equal(report.Epochs.Min(e => e.TrainLoss), report.Epochs[report.BestEpoch - 1].TrainLoss);
        Assert.Equal(TrainingTests.Bits(Replay(e => FullBatchSgd(e), report.BestEpoch).Parameters), TrainingTests.Bits(net.Parameters));
        Assert.Contains($"restored the parameters of epoch {report.BestEpoch}", report.Message);
    }

    [Fact]
    public void ABestEpochIsKeptOnlyIfItsParametersHaveAFiniteLoss()
    {
        // Mini-batches of 4 at η = 2 (shuffle seed 5): every batch of epoch 1 has a finite loss, so epoch 1 is the best so
        // far, but its last update gives parameters whose loss is ∞. Restoring "the best" would restore those.
        var net = new DivergingRegressor(1);
        int[] start = TrainingTests.Bits(net.Parameters);
        TrainingReport report = net.Train(Data.Inputs, Data.Targets, new TrainingOptions
        {
            Epochs = 1, BatchSize = 4, Seed = 5, Optimizer = Optimizer.Sgd(2f), EarlyStopping = new EarlyStopping(patience: 1000),
        });

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        AssertFiniteAndEvaluable(net);
        Assert.Equal((0, 0, 0L, 8L), (report.BestEpoch, report.ParametersEpoch, report.ParametersStep, report.Steps));
        Assert.Equal(start, TrainingTests.Bits(net.Parameters));
        Assert.StartsWith("The loss of the parameters after step 8 (in epoch 1) became Infinity on the first batch of the training order; restored the parameters Train was called with.", report.Message);
    }

    [Fact]
    public void AfterADivergenceTheBestEpochIsRestoredOnlyIfItsLossOverTheDataIsFinite()
    {
        // Batches of 4 at η = 2 (shuffle seed 3): epoch 1 is the best, and its parameters' loss on the first batch is
        // finite, but over all the data it is not; epoch 2 diverges. The call goes back further, to the start.
        var net = new DivergingRegressor(1);
        int[] start = TrainingTests.Bits(net.Parameters);
        TrainingReport report = net.Train(Data.Inputs, Data.Targets, new TrainingOptions
        {
            Epochs = 300, BatchSize = 4, Seed = 3, Optimizer = Optimizer.Sgd(2f), EarlyStopping = new EarlyStopping(patience: 1000),
        });

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        AssertFiniteAndEvaluable(net);
        Assert.Equal((1, 0, 0L), (report.BestEpoch, report.ParametersEpoch, report.ParametersStep));
        Assert.Equal(start, TrainingTests.Bits(net.Parameters));
        Assert.Contains("in epoch 2 on samples 0–3 of the shuffled order; the network holds the parameters Train was called with.", report.Message);
    }

    [Fact]
    public void RestoreBestWithNoImprovingEpochRestoresTheStartingParameters()
    {
        // Validation targets of 1e30: every validation loss overflows to ∞, so no epoch improves on the start.
        var net = new SmallRegressor(2);
        int[] start = TrainingTests.Bits(net.Parameters);
        var random = new Random(3);
        float[] inputs = Enumerable.Range(0, 20 * 3).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = Enumerable.Range(0, 20 * 2).Select(_ => (float)random.NextDouble()).ToArray();
        float[] far = targets.Select(_ => 1e30f).ToArray();

        TrainingReport report = net.Train(inputs, targets, inputs, far, new TrainingOptions
        {
            Epochs = 50, BatchSize = 4, Optimizer = Optimizer.Sgd(0.1f), EarlyStopping = new EarlyStopping(patience: 3),
        });

        Assert.Equal(StopReason.EarlyStopped, report.StopReason);
        Assert.Equal(3, report.Epochs.Count);
        Assert.All(report.Epochs, e => Assert.True(float.IsPositiveInfinity(e.ValidationLoss)));
        Assert.Equal(0, report.BestEpoch);
        Assert.Equal(0, report.ParametersEpoch);
        Assert.Equal(0, report.ParametersStep);
        Assert.Equal(15, report.Steps);
        Assert.Equal(start, TrainingTests.Bits(net.Parameters));
        Assert.Contains("Restored the parameters Train was called with: no epoch improved the monitored loss.", report.Message);
    }

    [Fact]
    public void CompletedAndEarlyStoppedRunsHoldTheParametersTheirReportNames()
    {
        // Training targets pull one way, validation targets the other: the best epoch comes early and early stopping ends the run.
        var random = new Random(5);
        float[] inputs = Enumerable.Range(0, 40 * 3).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = Enumerable.Range(0, 40).SelectMany(i => new[] { inputs[i * 3] + inputs[i * 3 + 1], inputs[i * 3 + 2] }).ToArray();
        float[] opposite = targets.Select(t => -t).ToArray();
        TrainingOptions Options(int epochs, EarlyStopping? early) => new() { Epochs = epochs, BatchSize = 4, Optimizer = Optimizer.Sgd(0.05f), Seed = 1, EarlyStopping = early };
        int[] After(int epochs)
        {
            var replay = new SmallRegressor(3);
            replay.Train(inputs, targets, inputs, opposite, Options(epochs, null));
            return TrainingTests.Bits(replay.Parameters);
        }

        var completed = new SmallRegressor(3);
        TrainingReport report = completed.Train(inputs, targets, inputs, opposite, Options(6, null));
        Assert.Equal((StopReason.Completed, 6, 6, 60L, 60L), (report.StopReason, report.Epochs.Count, report.ParametersEpoch, report.ParametersStep, report.Steps));
        Assert.Equal(After(6), TrainingTests.Bits(completed.Parameters));

        var kept = new SmallRegressor(3);
        report = kept.Train(inputs, targets, inputs, opposite, Options(50, new EarlyStopping(patience: 3, restoreBest: false)));
        Assert.Equal(StopReason.EarlyStopped, report.StopReason);
        Assert.Equal((report.Epochs.Count, report.Steps), (report.ParametersEpoch, report.ParametersStep));
        Assert.Equal(After(report.Epochs.Count), TrainingTests.Bits(kept.Parameters));
        Assert.DoesNotContain("Restored", report.Message);

        var restored = new SmallRegressor(3);
        report = restored.Train(inputs, targets, inputs, opposite, Options(50, new EarlyStopping(patience: 3)));
        Assert.Equal(StopReason.EarlyStopped, report.StopReason);
        Assert.Equal((report.BestEpoch, 10L * report.BestEpoch), (report.ParametersEpoch, report.ParametersStep));
        Assert.Equal(After(report.BestEpoch), TrainingTests.Bits(restored.Parameters));
        Assert.EndsWith($"Restored the parameters of epoch {report.BestEpoch}.", report.Message);
    }

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(16, float.PositiveInfinity)]
    [InlineData(32, float.NegativeInfinity)]   // the last parameter
    public void ParametersThatAreAlreadyNonFiniteAreNamedBeforeTraining(int index, float value)
    {
        var net = new DivergingRegressor(1);
        net.Parameters[index] = value;
        Hostile.Refused<InvalidOperationException>(net, () => net.Train(Data.Inputs, Data.Targets, FullBatchSgd(5)), null,
            $"Parameter {index} of the network is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public void InputsScaledTo1e30AreNamedAsTheCause()
    {
        // The first batch's cross-entropy is finite (the softmax is computed stably), the first step's update is not.
        var net = new DigitsNet(1);
        int[] start = TrainingTests.Bits(net.Parameters);
        float[] inputs = Enumerable.Range(0, 8 * DigitsNet.InputSize).Select(i => (i % 5) * 1e30f).ToArray();
        int[] labels = Enumerable.Range(0, 8).Select(i => i % 10).ToArray();

        TrainingReport report = net.Train(inputs, labels, new TrainingOptions { Epochs = 3, BatchSize = 4 });

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        Assert.Equal((0, 0L), (report.ParametersEpoch, report.ParametersStep));
        Assert.Equal(start, TrainingTests.Bits(net.Parameters));
        Assert.Contains("the network holds the parameters Train was called with", report.Message);
        Assert.Contains("Scale the data first: the largest input magnitude is 4E+30", report.Message);
        Assert.DoesNotContain("Lower the learning rate", report.Message.Split("Scale the data first")[0]);
    }

    [Fact]
    public void ALossThatOverflowsBeforeAnyStepIsNotBlamedOnTheLearningRate()
    {
        var net = new DivergingRegressor(1);
        int[] start = TrainingTests.Bits(net.Parameters);
        float[] far = Data.Targets.Select(t => t * 1e30f).ToArray();   // (y − t)² overflows with any parameters

        TrainingReport report = net.Train(Data.Inputs, far, new TrainingOptions { Epochs = 3, BatchSize = 8, Seed = 2 });

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        Assert.Equal((0, 0L, 0L), (report.ParametersEpoch, report.ParametersStep, report.Steps));
        Assert.Equal(start, TrainingTests.Bits(net.Parameters));
        Assert.StartsWith("The loss became Infinity on the first batch (samples 0–7 of the shuffled order), with the parameters Train was called with, before any step", report.Message);
        Assert.Contains("The learning rate is not the cause", report.Message);
        Assert.Contains("the largest target magnitude", report.Message);
        Assert.DoesNotContain("Lower the learning rate", report.Message);
    }

    [Fact]
    public void AParameterThatOverflowsInTheLastStepOfAnEpochIsNamed()
    {
        // η = 1e38 with a finite gradient: the very first update takes parameters past float's range.
        var net = new DivergingRegressor(1);
        int[] start = TrainingTests.Bits(net.Parameters);
        float[] targets = Data.Targets.Select(t => 100 * t).ToArray();   // gradients in the hundreds
        TrainingReport report = net.Train(Data.Inputs, targets, new TrainingOptions { Epochs = 3, BatchSize = 0, Optimizer = Optimizer.Sgd(1e38f) });

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        Assert.Matches(@"^Parameter \d+ became -?Infinity in epoch 1; the network holds the parameters Train was called with\. Lower the learning rate", report.Message);
        Assert.Equal((0, 0L, 1L), (report.ParametersEpoch, report.ParametersStep, report.Steps));
        Assert.Equal(start, TrainingTests.Bits(net.Parameters));
    }

    [Fact]
    public void AScheduleWhoseLearningRateOverflowsStopsBeforeTheEpochItWouldSpoil()
    {
        // All parameters 0 and all targets 0: every gradient is exactly 0, so only the learning rate can go wrong
        // (η·0 is NaN once η is ∞). StepDecay by 1e20 an epoch: η = 1, 1e20, then ∞ for the third epoch.
        var net = new DivergingRegressor(1);
        net.Parameters.Clear();
        var targets = new float[Data.Targets.Length];
        TrainingReport report = net.Train(Data.Inputs, targets, new TrainingOptions
        {
            Epochs = 3, BatchSize = 0, Optimizer = Optimizer.Sgd(1f), Schedule = LearningRateSchedule.StepDecay(1, gamma: 1e20f),
        });

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        Assert.Equal((2, 2L, 2L), (report.ParametersEpoch, report.ParametersStep, report.Steps));
        Assert.All(net.Parameters.ToArray(), v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        Assert.StartsWith("The learning rate for epoch 3 became Infinity (1 times the schedule's factor", report.Message);
        Assert.Contains("the network keeps the parameters of epoch 2", report.Message);
        Assert.Contains("schedule whose factor stays finite", report.Message);
    }
}
