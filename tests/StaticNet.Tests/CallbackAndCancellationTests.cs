using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Progress callbacks that throw, change things or cancel, and cancellation between and inside epochs: the network is
/// left in the documented state, and the report (its message one true sentence) says which.
/// </summary>
public class CallbackAndCancellationTests
{
    // Training targets pull one way and validation targets the other, so the best epoch comes early (epoch 1 or 2 here).
    private static readonly float[] Inputs, Targets, Opposite;
    private const int Rows = 40, Batch = 10;

    static CallbackAndCancellationTests()
    {
        var random = new Random(5);
        Inputs = Enumerable.Range(0, Rows * 3).Select(_ => (float)random.NextDouble()).ToArray();
        Targets = Enumerable.Range(0, Rows).SelectMany(i => new[] { Inputs[i * 3] + Inputs[i * 3 + 1], Inputs[i * 3 + 2] }).ToArray();
        Opposite = Targets.Select(t => -t).ToArray();
    }

    private static TrainingOptions Options(int epochs, EarlyStopping? early = null, IProgress<EpochReport>? progress = null, CancellationToken token = default) => new()
    {
        Epochs = epochs, BatchSize = Batch, Optimizer = Optimizer.Sgd(0.05f), Seed = 1, Shuffle = false,
        EarlyStopping = early, Progress = progress, CancellationToken = token,
    };

    /// <summary>The parameters of the same run after <paramref name="epochs"/> epochs (0: the start).</summary>
    private static int[] After(int epochs)
    {
        var net = new SmallRegressor(3);
        if (epochs > 0) net.Train(Inputs, Targets, Inputs, Opposite, Options(epochs));
        return TrainingTests.Bits(net.Parameters);
    }

    private static int BestOf(IReadOnlyList<EpochReport> epochs) => epochs.Select((e, i) => (e.ValidationLoss, Epoch: i + 1)).OrderBy(p => p.ValidationLoss).ThenBy(p => p.Epoch).First().Epoch;

    private sealed class CallbackFailed : Exception { }

    [Fact]
    public void AThrowingCallbackPropagatesAndTheBestEpochIsStillRestored()
    {
        var net = new SmallRegressor(3);
        var seen = new List<EpochReport>();
        var thrown = new CallbackFailed();
        var progress = new CallbackProgress(e => { seen.Add(e); if (e.Epoch == 6) throw thrown; });

        Assert.Same(thrown, Assert.Throws<CallbackFailed>(() => net.Train(Inputs, Targets, Inputs, Opposite, Options(20, new EarlyStopping(patience: 50), progress))));

        int best = BestOf(seen);
        Assert.InRange(best, 1, 5);   // so the restore is not the epoch just reported
        Assert.Equal(After(best), TrainingTests.Bits(net.Parameters));
        // The call released the network: it trains again.
        Assert.Equal(StopReason.Completed, net.Train(Inputs, Targets, Options(1)).StopReason);
    }

    [Fact]
    public void AThrowingCallbackWithoutRestoreLeavesTheEpochItWasToldOf()
    {
        var net = new SmallRegressor(3);
        var progress = new CallbackProgress(e => { if (e.Epoch == 4) throw new CallbackFailed(); });
        Assert.Throws<CallbackFailed>(() => net.Train(Inputs, Targets, Inputs, Opposite, Options(20, new EarlyStopping(patience: 50, restoreBest: false), progress)));
        Assert.Equal(After(4), TrainingTests.Bits(net.Parameters));
    }

    [Fact]
    public void CancellingWithRestoreSaysOneTrueSentence()
    {
        using var cancel = new CancellationTokenSource();
        var net = new SmallRegressor(3);
        var progress = new CallbackProgress(e => { if (e.Epoch == 5) cancel.Cancel(); });

        TrainingReport report = net.Train(Inputs, Targets, Inputs, Opposite, Options(20, new EarlyStopping(patience: 50), progress, cancel.Token));

        Assert.Equal(StopReason.Cancelled, report.StopReason);
        Assert.Equal(5, report.Epochs.Count);
        Assert.Equal(BestOf(report.Epochs), report.BestEpoch);
        Assert.Equal((report.BestEpoch, 4L * report.BestEpoch), (report.ParametersEpoch, report.ParametersStep));
        Assert.Equal($"Cancelled in epoch 6 after 0 of {Rows} samples; restored the parameters of epoch {report.BestEpoch}.", report.Message);
        Assert.Equal(After(report.BestEpoch), TrainingTests.Bits(net.Parameters));
    }

    [Fact]
    public void CancellingBetweenEpochsKeepsTheLastEpoch()
    {
        using var cancel = new CancellationTokenSource();
        var net = new SmallRegressor(3);
        TrainingReport report = net.Train(Inputs, Targets, Inputs, Opposite, Options(20, progress: new CallbackProgress(e => { if (e.Epoch == 3) cancel.Cancel(); }), token: cancel.Token));

        Assert.Equal((StopReason.Cancelled, 3, 3, 12L, 12L), (report.StopReason, report.Epochs.Count, report.ParametersEpoch, report.ParametersStep, report.Steps));
        Assert.Equal($"Cancelled in epoch 4 after 0 of {Rows} samples; the network keeps the parameters of epoch 3.", report.Message);
        Assert.Equal(After(3), TrainingTests.Bits(net.Parameters));
    }

    [Fact]
    public void CancellingInsideAnEpochKeepsItsLastCompletedStep()
    {
        // Three steps of the first epoch, by hand: θ ← θ − η·mean gradient over rows 0–9, 10–19, 20–29 (no shuffling).
        var manual = new SmallRegressor(3);
        for (int b = 0; b < 3; b++)
        {
            var gradient = new float[SmallRegressor.ParameterCount];
            for (int i = b * Batch; i < (b + 1) * Batch; i++) manual.AccumulateGradients(Inputs.AsSpan(i * 3, 3), Targets.AsSpan(i * 2, 2), gradient);
            for (int k = 0; k < gradient.Length; k++) manual.Parameters[k] -= 0.05f * gradient[k] / Batch;
        }

        using var cancel = new CancellationTokenSource();
        var net = new SmallRegressor(3);
        TrainingReport report = Trainer.Train(new CancellingNetwork(net, cancel, cancelAfter: 3), Inputs, Targets, Options(20, token: cancel.Token));

        Assert.Equal((StopReason.Cancelled, 0, 0, 3L, 3L), (report.StopReason, report.Epochs.Count, report.ParametersEpoch, report.ParametersStep, report.Steps));
        Assert.Equal($"Cancelled in epoch 1 after 30 of {Rows} samples; the network keeps its last completed step (step 3).", report.Message);
        GradientTests.AssertClose(manual.Parameters.ToArray().Select(v => (double)v).ToArray(), net.Parameters, 1e-6, 1e-5, "parameters after three steps");
    }

    [Theory]
    [InlineData(3, 0)]    // in epoch 1: no epoch improved on the start, which is restored
    [InlineData(10, -1)]  // in epoch 3, after 20 of its samples: the best of epochs 1 and 2
    public void CancellingInsideAnEpochWithRestoreHoldsTheBest(int cancelAfter, int expectedBest)
    {
        using var cancel = new CancellationTokenSource();
        var net = new SmallRegressor(3);
        TrainingReport report = Trainer.Train(new CancellingNetwork(net, cancel, cancelAfter), Inputs, Targets, Inputs, Opposite,
            Options(20, new EarlyStopping(patience: 50), token: cancel.Token));

        int best = expectedBest >= 0 ? expectedBest : BestOf(report.Epochs);
        Assert.Equal(StopReason.Cancelled, report.StopReason);
        Assert.Equal(cancelAfter, report.Steps);
        Assert.Equal((best, best, 4L * best), (report.BestEpoch, report.ParametersEpoch, report.ParametersStep));
        Assert.Equal(After(best), TrainingTests.Bits(net.Parameters));
        Assert.StartsWith($"Cancelled in epoch {cancelAfter / 4 + 1} after {cancelAfter % 4 * Batch} of {Rows} samples; restored the parameters ", report.Message);
        Assert.EndsWith(best > 0 ? $"of epoch {best}." : "Train was called with: no epoch improved the monitored loss.", report.Message);
        Assert.DoesNotContain("keeps", report.Message);
    }

    [Fact]
    public void AnAlreadyCancelledTokenChangesNothing()
    {
        var net = new SmallRegressor(3);
        int[] before = TrainingTests.Bits(net.Parameters);
        TrainingReport report = net.Train(Inputs, Targets, Options(5, new EarlyStopping(3), token: new CancellationToken(canceled: true)));
        Assert.Equal((StopReason.Cancelled, 0, 0, 0L, 0L), (report.StopReason, report.Epochs.Count, report.ParametersEpoch, report.ParametersStep, report.Steps));
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
        Assert.Equal($"Cancelled in epoch 1 after 0 of {Rows} samples; restored the parameters Train was called with: no epoch improved the monitored loss.", report.Message);
        report = net.Train(Inputs, Targets, Options(5, token: new CancellationToken(canceled: true)));
        Assert.Equal($"Cancelled in epoch 1 after 0 of {Rows} samples; the network keeps the parameters Train was called with.", report.Message);
    }

    [Fact]
    public void ReadingTheNetworkFromTheCallbackDoesNotDisturbTheRun()
    {
        var undisturbed = new SmallRegressor(3);
        TrainingReport expected = undisturbed.Train(Inputs, Targets, Inputs, Opposite, Options(4));

        var net = new SmallRegressor(3);
        var evaluations = new List<float>();
        var output = new float[2];
        TrainingReport report = net.Train(Inputs, Targets, Inputs, Opposite, Options(4, progress: new CallbackProgress(e =>
        {
            evaluations.Add(net.Evaluate(Inputs, Opposite).Loss);   // a test set's loss each epoch: the common use
            net.Predict(Inputs.AsSpan(0, 3), output);
            net.ComputeLoss(Inputs.AsSpan(0, 3), Targets.AsSpan(0, 2));
        })));

        Assert.Equal(expected.Epochs, report.Epochs);
        Assert.Equal(expected.Epochs.Select(e => e.ValidationLoss), evaluations);
        Assert.Equal(TrainingTests.Bits(undisturbed.Parameters), TrainingTests.Bits(net.Parameters));
    }
}
