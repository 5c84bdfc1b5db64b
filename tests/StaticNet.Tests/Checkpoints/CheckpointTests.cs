using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNet;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Checkpoints;

/// <summary>
/// Training N epochs, saving a checkpoint, loading it into a new network (drawn from another seed) and training on to
/// N + M epochs gives the bits of N + M epochs in one call; and everything a checkpoint must match is checked before
/// anything changes.
/// </summary>
public class CheckpointTests
{
    private const int Rows = 53;   // not a multiple of the batch size: each epoch ends on a short batch

    private static float[] Inputs(int size, int seed)
    {
        var random = new NetRandom(seed);
        return Enumerable.Range(0, Rows * size).Select(_ => random.NextUniform(1.5f)).ToArray();
    }

    private static int[] Labels(int classes, int seed)
    {
        var random = new NetRandom(seed);
        return Enumerable.Range(0, Rows).Select(_ => random.NextInt32(classes)).ToArray();
    }

    /// <summary>SGD with Nesterov momentum, weight decay, L1, a warm-up and step schedule, shuffling and a validation split.</summary>
    private static TrainingOptions SgdOptions(int epochs) => new()
    {
        Epochs = epochs,
        BatchSize = 8,
        Optimizer = Optimizer.Sgd(0.05f, momentum: 0.9f, nesterov: true, weightDecay: 1e-3f),
        Schedule = LearningRateSchedule.StepDecay(2, 0.7f).WithWarmup(2),
        L1 = 1e-4f,
        Shuffle = true,
        Seed = 7,
        ValidationFraction = 0.2f,
    };

    /// <summary>AdamW with a cosine schedule and clipping (the unfused step), on a network with dropout.</summary>
    private static TrainingOptions AdamWOptions(int epochs) => new()
    {
        Epochs = epochs,
        BatchSize = 5,
        Optimizer = Optimizer.AdamW(3e-3f, weightDecay: 0.05f),
        Schedule = LearningRateSchedule.Cosine(9, 0.1f),
        MaxGradientNorm = 0.8f,
        Shuffle = true,
        Seed = 12,
    };

    private static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    private static void SameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        int[] e = Bits(expected), a = Bits(actual);
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
        {
            if (e[i] != a[i]) Assert.Fail($"parameter {i}: {BitConverter.Int32BitsToSingle(e[i]):R} in one run, {BitConverter.Int32BitsToSingle(a[i]):R} resumed");
        }
    }

    [Fact]
    public void SgdWithMomentumResumedFromAStreamIsOneRunToTheBit()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        var whole = new SmallClassifier(3);
        TrainingReport wholeReport = whole.Train(x, y, SgdOptions(7));

        var first = new SmallClassifier(3);
        first.Train(x, y, SgdOptions(4));
        var checkpoint = new MemoryStream();
        first.SaveCheckpoint(checkpoint);   // after Train returned

        var resumed = new SmallClassifier(99);   // other parameters, a new network: all it knows comes from the file
        checkpoint.Position = 0;
        resumed.LoadCheckpoint(checkpoint);
        var options = SgdOptions(7);
        options.Resume = true;
        TrainingReport resumedReport = resumed.Train(x, y, options);

        SameBits(whole.Parameters, resumed.Parameters);
        Assert.Equal(new[] { 5, 6, 7 }, resumedReport.Epochs.Select(e => e.Epoch));
        Assert.Equal(wholeReport.Epochs.Skip(4).Select(e => (e.TrainLoss, e.ValidationLoss, e.LearningRate)), resumedReport.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss, e.LearningRate)));
        Assert.Equal(wholeReport.ParametersStep, resumedReport.ParametersStep);
    }

    [Fact]
    public void AdamWWithDropoutResumedFromAFileSavedByTheProgressCallbackIsOneRunToTheBit()
    {
        float[] x = Inputs(DropoutNet.InputSize, 4);
        int[] y = Labels(DropoutNet.OutputSize, 5);
        string path = Path.Combine(Path.GetTempPath(), "staticnet-checkpoint-" + Guid.NewGuid().ToString("N") + ".snet");
        try
        {
            // One run of 9 epochs, which saves a checkpoint at the end of epoch 5 and goes on.
            var whole = new DropoutNet(8);
            var options = AdamWOptions(9);
            options.Progress = new Reporter(report => { if (report.Epoch == 5) whole.SaveCheckpoint(path); });
            whole.Train(x, y, options);

            var resumed = new DropoutNet(1);
            resumed.LoadCheckpoint(path);
            var resume = AdamWOptions(9);
            resume.Resume = true;
            TrainingReport report = resumed.Train(x, y, resume);

            SameBits(whole.Parameters, resumed.Parameters);
            Assert.Equal(new[] { 6, 7, 8, 9 }, report.Epochs.Select(e => e.Epoch));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ResumingTheNetworksOwnLastRunContinuesItToTheBit()
    {
        float[] x = Inputs(DropoutNet.InputSize, 4);
        int[] y = Labels(DropoutNet.OutputSize, 5);
        var whole = new DropoutNet(8);
        whole.Train(x, y, AdamWOptions(6));

        var stepwise = new DropoutNet(8);
        stepwise.Train(x, y, AdamWOptions(2));
        var options = AdamWOptions(4);
        options.Resume = true;
        stepwise.Train(x, y, options);
        options.Epochs = 6;
        stepwise.Train(x, y, options);

        SameBits(whole.Parameters, stepwise.Parameters);
    }

    /// <summary>The equality above is no accident: the same epochs from the loaded parameters without the rest of the state go elsewhere.</summary>
    [Fact]
    public void TheParametersAloneDoNotContinueTheRun()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        var whole = new SmallClassifier(3);
        whole.Train(x, y, SgdOptions(7));
        var first = new SmallClassifier(3);
        first.Train(x, y, SgdOptions(4));
        var model = new MemoryStream();
        first.Save(model);
        var restarted = new SmallClassifier(99);
        model.Position = 0;
        restarted.Load(model);
        restarted.Train(x, y, SgdOptions(3));
        Assert.NotEqual(Bits(whole.Parameters), Bits(restarted.Parameters));
    }

    [Fact]
    public void ACheckpointIsAModelThatLoadReads()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        var net = new SmallClassifier(3);
        net.Train(x, y, SgdOptions(2));
        var checkpoint = new MemoryStream();
        net.SaveCheckpoint(checkpoint);
        var model = new SmallClassifier(4);
        checkpoint.Position = 0;
        model.Load(checkpoint);
        SameBits(net.Parameters, model.Parameters);
    }

    [Fact]
    public void APlainModelIsNoCheckpoint()
    {
        var model = new MemoryStream();
        new SmallClassifier(3).Save(model);
        var net = new SmallClassifier(4);
        int[] before = Bits(net.Parameters);
        model.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => net.LoadCheckpoint(model));
        Assert.Contains("'END '", e.Message);
        Assert.Contains("'TRST'", e.Message);
        Assert.Equal(before, Bits(net.Parameters));
    }

    private static MemoryStream SmallClassifierCheckpoint(TrainingOptions options)
    {
        var net = new SmallClassifier(3);
        net.Train(Inputs(SmallClassifier.InputSize, 1), Labels(SmallClassifier.OutputSize, 2), options);
        var checkpoint = new MemoryStream();
        net.SaveCheckpoint(checkpoint);
        checkpoint.Position = 0;
        return checkpoint;
    }

    [Fact]
    public void AnotherArchitectureIsRefusedAndTheNetworkKeepsItsParametersAndState()
    {
        MemoryStream checkpoint = SmallClassifierCheckpoint(SgdOptions(2));
        var other = new DeepSoftmax(1);
        int[] before = Bits(other.Parameters);
        var e = Assert.Throws<InvalidDataException>(() => other.LoadCheckpoint(checkpoint));
        Assert.Contains("in the file", e.Message);
        Assert.Contains("in this network", e.Message);
        Assert.Equal(before, Bits(other.Parameters));
        var resume = SgdOptions(3);
        resume.Resume = true;
        Assert.Throws<InvalidOperationException>(() => other.Train(Inputs(DeepSoftmax.InputSize, 1), Labels(DeepSoftmax.OutputSize, 2), resume));
    }

    [Fact]
    public void DropoutMustMatch()
    {
        var net = new DropoutNet(2);
        net.Train(Inputs(DropoutNet.InputSize, 4), Labels(DropoutNet.OutputSize, 5), AdamWOptions(1));
        var checkpoint = new MemoryStream();
        net.SaveCheckpoint(checkpoint);
        var twin = new DropoutNetWithoutDropout(1);
        int[] before = Bits(twin.Parameters);
        checkpoint.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => twin.LoadCheckpoint(checkpoint));
        Assert.Contains("with dropout", e.Message);
        Assert.Equal(before, Bits(twin.Parameters));

        twin.Train(Inputs(DropoutNet.InputSize, 4), Labels(DropoutNet.OutputSize, 5), AdamWOptions(1));
        var twinCheckpoint = new MemoryStream();
        twin.SaveCheckpoint(twinCheckpoint);
        before = Bits(net.Parameters);
        twinCheckpoint.Position = 0;
        e = Assert.Throws<InvalidDataException>(() => net.LoadCheckpoint(twinCheckpoint));
        Assert.Contains("without dropout", e.Message);
        Assert.Equal(before, Bits(net.Parameters));
    }

    [Fact]
    public void AnotherOptimizerIsRefusedBeforeTrainTouchesAnything()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        MemoryStream checkpoint = SmallClassifierCheckpoint(SgdOptions(4));
        var net = new SmallClassifier(99);
        net.LoadCheckpoint(checkpoint);
        int[] loaded = Bits(net.Parameters);

        var adam = SgdOptions(7);
        adam.Optimizer = Optimizer.AdamW();
        adam.Resume = true;
        var e = Assert.Throws<ArgumentException>(() => net.Train(x, y, adam));
        Assert.Contains("Sgd optimizer", e.Message);
        Assert.Contains("AdamW", e.Message);

        var noMomentum = SgdOptions(7);
        noMomentum.Optimizer = Optimizer.Sgd(0.05f);
        noMomentum.Resume = true;
        e = Assert.Throws<ArgumentException>(() => net.Train(x, y, noMomentum));
        Assert.Contains("with momentum", e.Message);
        Assert.Equal(loaded, Bits(net.Parameters));

        // The state survived the refusals: the right options still continue the run exactly.
        var whole = new SmallClassifier(3);
        whole.Train(x, y, SgdOptions(7));
        var resume = SgdOptions(7);
        resume.Resume = true;
        net.Train(x, y, resume);
        SameBits(whole.Parameters, net.Parameters);
    }

    [Fact]
    public void OtherDataOrSplitIsRefused()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        MemoryStream checkpoint = SmallClassifierCheckpoint(SgdOptions(2));
        var net = new SmallClassifier(99);
        net.LoadCheckpoint(checkpoint);
        int[] loaded = Bits(net.Parameters);

        var resume = SgdOptions(5);
        resume.Resume = true;
        var e = Assert.Throws<ArgumentException>(() => net.Train(x.AsSpan(0, 40 * SmallClassifier.InputSize), y.AsSpan(0, 40), resume));
        Assert.Contains("trained on 43 rows; this call trains on 32", e.Message);

        resume.Seed = 8;   // another validation split
        e = Assert.Throws<ArgumentException>(() => net.Train(x, y, resume));
        Assert.Contains("same data, Seed and ValidationFraction", e.Message);
        Assert.Equal(loaded, Bits(net.Parameters));
    }

    [Fact]
    public void ResumeNeedsEpochsLeftAStateAndNoEarlyStopping()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        var fresh = new SmallClassifier(1);
        var resume = SgdOptions(3);
        resume.Resume = true;
        Assert.Contains("no training state", Assert.Throws<InvalidOperationException>(() => fresh.Train(x, y, resume)).Message);

        fresh.LoadCheckpoint(SmallClassifierCheckpoint(SgdOptions(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => fresh.Train(x, y, resume));   // 3 epochs done, 3 asked for
        resume.Epochs = 5;
        resume.EarlyStopping = new EarlyStopping(2);
        Assert.Throws<ArgumentException>(() => fresh.Train(x, y, resume));
    }

    [Fact]
    public void SaveNeedsTheParametersOfAnEpochsEnd()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        var net = new SmallClassifier(1);
        Assert.Throws<InvalidOperationException>(() => net.SaveCheckpoint(new MemoryStream()));

        // Early stopping that restores the best epoch leaves other parameters than the state goes with.
        var options = SgdOptions(6);
        options.EarlyStopping = new EarlyStopping(patience: 1, minDelta: 1f);
        net.Train(x, y, options);
        Assert.Contains("no longer those of epoch", Assert.Throws<InvalidOperationException>(() => net.SaveCheckpoint(new MemoryStream())).Message);
    }

    [Fact]
    public void LoadingAModelDropsTheTrainingStateOfTheParametersItReplaces()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        var net = new SmallClassifier(1);
        net.Train(x, y, SgdOptions(2));
        var model = new MemoryStream();
        new SmallClassifier(5).Save(model);
        model.Position = 0;
        net.Load(model);
        Assert.Throws<InvalidOperationException>(() => net.SaveCheckpoint(new MemoryStream()));
        var resume = SgdOptions(4);
        resume.Resume = true;
        Assert.Throws<InvalidOperationException>(() => net.Train(x, y, resume));
    }

    [Fact]
    public void TheProgressCallbackCannotLoadACheckpoint()
    {
        float[] x = Inputs(SmallClassifier.InputSize, 1);
        int[] y = Labels(SmallClassifier.OutputSize, 2);
        byte[] checkpoint = SmallClassifierCheckpoint(SgdOptions(2)).ToArray();
        var net = new SmallClassifier(1);
        var options = SgdOptions(2);
        options.Progress = new Reporter(_ => net.LoadCheckpoint(new MemoryStream(checkpoint)));
        Assert.Throws<InvalidOperationException>(() => net.Train(x, y, options));
    }

    private sealed class Reporter : IProgress<EpochReport>
    {
        private readonly Action<EpochReport> _action;

        public Reporter(Action<EpochReport> action) => _action = action;

        public void Report(EpochReport value) => _action(value);
    }
}
