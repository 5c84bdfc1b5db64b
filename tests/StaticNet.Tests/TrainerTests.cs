using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The generated Train/Evaluate/Classify and the shared training loop behind them.</summary>
public class TrainerTests
{
    private static readonly (float[] Inputs, int[] Labels) Data = TrainingTests.ToyClassification(SmallClassifier.InputSize, SmallClassifier.OutputSize, 60, seed: 1);

    private static float[] OneHot(int[] labels, int classes)
    {
        var targets = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++) targets[i * classes + labels[i]] = 1f;
        return targets;
    }

    [Fact]
    public void BatchedGradientIsTheMeanOfPerSampleGradients()
    {
        var reference = new ReferenceMlp(typeof(DeepSoftmax));
        var net = new DeepSoftmax(2);
        var random = new Random(3);
        GradientTests.RandomizeBiases(net, reference, random);
        const int count = 7;
        var inputs = new List<float>();
        var targets = new List<float>();
        var expected = new float[DeepSoftmax.ParameterCount];
        float expectedLoss = 0f;
        for (int s = 0; s < count; s++)
        {
            (float[] x, float[] t) = reference.RandomSample(random);
            inputs.AddRange(x);
            targets.AddRange(t);
            expectedLoss += net.AccumulateGradients(x, t, expected);
        }

        ITrainableNetwork trainable = net;
        trainable.EnsureBatchCapacity(count);
        var gradients = new float[DeepSoftmax.ParameterCount];
        float loss = trainable.AccumulateSlice(inputs.ToArray(), targets.ToArray(), 0, count, 1f / count, gradients, training: false, out _);

        Assert.Equal(expectedLoss, loss, 4);
        GradientTests.AssertClose(expected.Select(g => (double)g / count).ToArray(), gradients, 1e-6, 1e-4, "mean gradient");
    }

    /// <summary>60 samples run on one thread; 128 (≥ Trainer.ParallelMinimumBatch) may be shared by threads if the network is large enough.</summary>
    [Theory]
    [InlineData(60)]
    [InlineData(128)]
    public void FullBatchEpochIsOneStepAlongTheMeanGradient(int n)
    {
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(4, 3, n, seed: 8);
        var net = new SmallClassifier(4);
        var manual = new SmallClassifier(4);
        float[] targets = OneHot(labels, SmallClassifier.OutputSize);
        var gradient = new float[SmallClassifier.ParameterCount];
        for (int i = 0; i < n; i++) manual.AccumulateGradients(inputs.AsSpan(i * 4, 4), targets.AsSpan(i * 3, 3), gradient);
        for (int k = 0; k < gradient.Length; k++) manual.Parameters[k] -= 0.3f * gradient[k] / n;

        TrainingReport report = net.Train(inputs, targets, new TrainingOptions { Epochs = 1, BatchSize = 0, Optimizer = Optimizer.Sgd(0.3f) });

        GradientTests.AssertClose(manual.Parameters.ToArray().Select(v => (double)v).ToArray(), net.Parameters, 1e-6, 1e-5, "parameters");
        float meanLoss = 0f;
        for (int i = 0; i < n; i++) meanLoss += new SmallClassifier(4).ComputeLoss(inputs.AsSpan(i * 4, 4), targets.AsSpan(i * 3, 3));
        Assert.Equal(meanLoss / n, report.Epochs[0].TrainLoss, 4);
    }

    [Theory]
    [InlineData(true, 1f)]   // labels (one-hot targets made while gathering), clipping: the separate step
    [InlineData(false, 0f)]  // target rows, no clipping: the step fused into the gradient pass
    public void ThreadsGiveTheSameBitsWhateverTheirCount(bool labelled, float maxGradientNorm)
    {
        // Threads are capped by the processor count; ParallelHooksTests splits batches into up to five parts directly.
        // Each thread gathers its share of a batch's rows (the last batch here is ragged: 300 = 4·64 + 44).
        Assert.True(64L * WideNet.ParameterCount >= Trainer.ParallelMinimumWork, "the batches below must be shared by threads");
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(WideNet.InputSize, WideNet.OutputSize, 300, seed: 3);
        float[] targets = OneHot(labels, WideNet.OutputSize);
        int[] Run(int threads)
        {
            var net = new WideNet(2);
            var options = new TrainingOptions { Epochs = 2, BatchSize = 64, Optimizer = Optimizer.Adam(0.01f), Seed = 5, MaxGradientNorm = maxGradientNorm, MaxDegreeOfParallelism = threads };
            TrainingReport report = labelled ? net.Train(inputs, labels, options) : net.Train(inputs, targets, options);
            // The parameters, then each epoch's loss and accuracy (the threads add up the samples' losses in order).
            return TrainingTests.Bits(net.Parameters)
                .Concat(report.Epochs.SelectMany(e => new[] { BitConverter.SingleToInt32Bits(e.TrainLoss), BitConverter.SingleToInt32Bits(e.TrainAccuracy) }))
                .ToArray();
        }
        int[] one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(4));
        Assert.Throws<ArgumentOutOfRangeException>("MaxDegreeOfParallelism", () => new DigitsNet().Train(inputs.AsSpan(0, 64 * 10), labels.AsSpan(0, 10), new TrainingOptions { MaxDegreeOfParallelism = 0 }));
    }

    [Fact]
    public void ConcurrentTrainCallsOnDifferentNetworksGiveTheirOwnResults()
    {
        // Each call takes its helper threads from one shared pool; two at once must neither wait on nor disturb each other.
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(WideNet.InputSize, WideNet.OutputSize, 256, seed: 6);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 64, Optimizer = Optimizer.Sgd(0.05f, momentum: 0.9f), Seed = 2 };
        int[] Alone(int seed)
        {
            var net = new WideNet(seed);
            net.Train(inputs, labels, options);
            return TrainingTests.Bits(net.Parameters);
        }
        int[] first = Alone(7), second = Alone(8);
        var a = new WideNet(7);
        var b = new WideNet(8);
        System.Threading.Tasks.Parallel.Invoke(() => a.Train(inputs, labels, options), () => b.Train(inputs, labels, options));
        Assert.Equal(first, TrainingTests.Bits(a.Parameters));
        Assert.Equal(second, TrainingTests.Bits(b.Parameters));
    }

    [Fact]
    public void ThreadSharedBatchIsOneStepAlongTheMeanGradient()
    {
        const int n = 64;
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(WideNet.InputSize, WideNet.OutputSize, n, seed: 4);
        float[] targets = OneHot(labels, WideNet.OutputSize);
        var manual = new WideNet(6);
        var gradient = new float[WideNet.ParameterCount];
        for (int i = 0; i < n; i++) manual.AccumulateGradients(inputs.AsSpan(i * WideNet.InputSize, WideNet.InputSize), targets.AsSpan(i * 10, 10), gradient);
        for (int k = 0; k < gradient.Length; k++) manual.Parameters[k] -= 0.2f * gradient[k] / n;

        var net = new WideNet(6);
        net.Train(inputs, targets, new TrainingOptions { Epochs = 1, BatchSize = n, Optimizer = Optimizer.Sgd(0.2f), MaxDegreeOfParallelism = 2 });

        GradientTests.AssertClose(manual.Parameters.ToArray().Select(v => (double)v).ToArray(), net.Parameters, 1e-6, 1e-4, "parameters");
    }

    [Fact]
    public void LabelsTrainExactlyLikeOneHotTargets()
    {
        var options = new TrainingOptions { Epochs = 3, BatchSize = 7, Optimizer = Optimizer.Adam(0.02f), Seed = 9 };
        var withLabels = new SmallClassifier(1);
        var withTargets = new SmallClassifier(1);
        withLabels.Train(Data.Inputs, Data.Labels, options);
        withTargets.Train(Data.Inputs, OneHot(Data.Labels, 3), options);
        Assert.Equal(TrainingTests.Bits(withTargets.Parameters), TrainingTests.Bits(withLabels.Parameters));
    }

    [Fact]
    public void MiniBatchAdamLearnsAndSameSeedGivesSameBits()
    {
        TrainingReport Run(SmallClassifier net) => net.Train(Data.Inputs, Data.Labels, new TrainingOptions
        {
            Epochs = 30, BatchSize = 8, Optimizer = Optimizer.Adam(0.02f), Seed = 3, ValidationFraction = 0.25f,
        });
        var first = new SmallClassifier(7);
        var second = new SmallClassifier(7);
        TrainingReport report = Run(first);
        Run(second);

        Assert.Equal(TrainingTests.Bits(first.Parameters), TrainingTests.Bits(second.Parameters));
        Assert.Equal(30, report.Epochs.Count);
        Assert.True(report.Epochs[^1].TrainLoss < report.Epochs[0].TrainLoss / 3, $"{report.Epochs[0].TrainLoss} → {report.Epochs[^1].TrainLoss}");
        Assert.True(report.Epochs[^1].ValidationAccuracy >= 0.9f, report.Epochs[^1].ToString());
        Assert.InRange(report.Epochs[^1].TrainAccuracy, 0.9f, 1f);
    }

    [Fact]
    public void EvaluateAndClassifyAgreeWithPerSampleCalls()
    {
        var net = new SmallClassifier(2);
        net.Train(Data.Inputs, Data.Labels, new TrainingOptions { Epochs = 5, Optimizer = Optimizer.Adam(0.05f) });
        float[] targets = OneHot(Data.Labels, 3);
        int n = Data.Labels.Length, correct = 0;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            loss += net.ComputeLoss(Data.Inputs.AsSpan(i * 4, 4), targets.AsSpan(i * 3, 3));
            if (net.Classify(Data.Inputs.AsSpan(i * 4, 4)) == Data.Labels[i]) correct++;
        }

        EvaluationResult byLabels = net.Evaluate(Data.Inputs, Data.Labels);
        EvaluationResult byTargets = net.Evaluate(Data.Inputs, targets);

        Assert.Equal(n, byLabels.Count);
        Assert.Equal(loss / n, byLabels.Loss, 4);
        Assert.Equal((float)correct / n, byLabels.Accuracy);
        Assert.Equal(byLabels.Loss, byTargets.Loss);
        Assert.True(float.IsNaN(new SmallRegressor().Evaluate(new float[6], new float[4]).Accuracy));
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestEpochsParameters()
    {
        // Validation targets are the opposite of the training targets: the better the network fits the
        // training data, the worse it does on validation, so the best epoch comes early.
        var random = new Random(5);
        float[] inputs = Enumerable.Range(0, 40 * 3).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = Enumerable.Range(0, 40).SelectMany(i => new[] { inputs[i * 3] + inputs[i * 3 + 1], inputs[i * 3 + 2] }).ToArray();
        float[] opposite = targets.Select(t => -t).ToArray();
        TrainingOptions Options(int epochs, EarlyStopping? early) => new()
        {
            Epochs = epochs, BatchSize = 4, Optimizer = Optimizer.Sgd(0.05f), Seed = 1, EarlyStopping = early,
        };

        var net = new SmallRegressor(3);
        TrainingReport report = net.Train(inputs, targets, inputs, opposite, Options(50, new EarlyStopping(patience: 3)));

        Assert.Equal(StopReason.EarlyStopped, report.StopReason);
        Assert.Equal(report.BestEpoch + 3, report.Epochs.Count);
        float bestLoss = report.Epochs.Min(e => e.ValidationLoss);
        Assert.Equal(bestLoss, report.Epochs[report.BestEpoch - 1].ValidationLoss);

        // The same run stopped by hand after the best epoch ends with the same bits.
        var replay = new SmallRegressor(3);
        replay.Train(inputs, targets, inputs, opposite, Options(report.BestEpoch, null));
        Assert.Equal(TrainingTests.Bits(replay.Parameters), TrainingTests.Bits(net.Parameters));
        Assert.Equal(bestLoss, replay.Evaluate(inputs, opposite).Loss, 5);
    }

    [Fact]
    public void ProgressIsReportedOncePerEpoch()
    {
        var seen = new List<EpochReport>();
        var net = new SmallClassifier(1);
        TrainingReport report = net.Train(Data.Inputs, Data.Labels, new TrainingOptions { Epochs = 4, Progress = new SynchronousProgress(seen.Add) });
        Assert.Equal(new[] { 1, 2, 3, 4 }, seen.Select(e => e.Epoch));
        Assert.Equal(report.Epochs, seen);
        Assert.All(seen, e => Assert.Equal(0.01f, e.LearningRate));
    }

    [Fact]
    public void CancellationStopsAtTheLastCompletedStep()
    {
        using var cancel = new CancellationTokenSource();
        var net = new SmallClassifier(6);
        TrainingReport report = net.Train(Data.Inputs, Data.Labels, new TrainingOptions
        {
            Epochs = 10, BatchSize = 10, Seed = 2,
            Progress = new SynchronousProgress(e => { if (e.Epoch == 2) cancel.Cancel(); }),
            CancellationToken = cancel.Token,
        });

        Assert.Equal(StopReason.Cancelled, report.StopReason);
        Assert.Equal(2, report.Epochs.Count);
        var twoEpochs = new SmallClassifier(6);
        twoEpochs.Train(Data.Inputs, Data.Labels, new TrainingOptions { Epochs = 2, BatchSize = 10, Seed = 2 });
        Assert.Equal(TrainingTests.Bits(twoEpochs.Parameters), TrainingTests.Bits(net.Parameters));
    }

    [Fact]
    public void DivergenceStopsAndKeepsFiniteParameters()
    {
        var net = new SmallRegressor(1);
        float[] inputs = Enumerable.Range(0, 30).Select(i => i * 10f).ToArray();
        float[] targets = Enumerable.Range(0, 20).Select(i => i * 100f).ToArray();
        TrainingReport report = net.Train(inputs, targets, new TrainingOptions { Epochs = 50, BatchSize = 2, Optimizer = Optimizer.Sgd(10f) });

        Assert.Equal(StopReason.NonFinite, report.StopReason);
        Assert.Contains("epoch", report.Message);
        Assert.All(net.Parameters.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void BadArgumentsThrowAndLeaveTheNetworkAsItWas()
    {
        var net = new SmallClassifier(8);
        int[] before = TrainingTests.Bits(net.Parameters);
        var options = new TrainingOptions { Epochs = 2 };
        float[] nan = Data.Inputs.ToArray();
        nan[17] = float.NaN;

        Assert.Throws<ArgumentException>("inputs", () => net.Train(Data.Inputs.AsSpan(1), Data.Labels, options));
        Assert.Throws<ArgumentException>("labels", () => net.Train(Data.Inputs, Data.Labels.AsSpan(1), options));
        Assert.Throws<ArgumentException>("targets", () => net.Train(Data.Inputs, new float[5], options));
        Assert.Contains("row 4", Assert.Throws<ArgumentException>("inputs", () => net.Train(nan, Data.Labels, options)).Message);
        Assert.Throws<ArgumentOutOfRangeException>("labels", () => net.Train(Data.Inputs, Data.Labels.Select(l => l + 1).ToArray(), options));
        Assert.Throws<ArgumentOutOfRangeException>("Epochs", () => net.Train(Data.Inputs, Data.Labels, new TrainingOptions { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>("ValidationFraction", () => net.Train(Data.Inputs, Data.Labels, new TrainingOptions { ValidationFraction = 1f }));
        // A regression network has no Train(labels) member; the shared loop refuses labels for it too.
        Assert.Throws<ArgumentException>("labels", () => Trainer.Train(new SmallRegressor(), new float[3], new[] { 0 }, options));
        Assert.Throws<ArgumentNullException>("options", () => net.Train(Data.Inputs, Data.Labels, null!));
        Assert.Throws<ArgumentException>("nesterov", () => Optimizer.Sgd(0.1f, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => Optimizer.Adam(-1f));
        Assert.Throws<ArgumentOutOfRangeException>("patience", () => new EarlyStopping(0));

        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
    }

    [Theory]
    [InlineData(0f)]   // the optimizer step fused into the gradient pass
    [InlineData(1f)]   // clipping: norm, then the separate step
    public void AnEpochAllocatesNothingButItsReportEntry(float maxGradientNorm)
    {
        // One network throughout: its first call warms up the JIT and creates its training buffers (kept with the
        // network, in a table shared by every test), so the calls measured below only look them up.
        var net = new SmallClassifier(1);
        net.Train(Data.Inputs, Data.Labels, new TrainingOptions { Epochs = 1, BatchSize = 8, Optimizer = Optimizer.Adam(), ValidationFraction = 0.2f, EarlyStopping = new EarlyStopping(patience: 100), MaxGradientNorm = maxGradientNorm });
        long Allocated(int epochs)
        {
            var options = new TrainingOptions { Epochs = epochs, BatchSize = 8, Optimizer = Optimizer.Adam(), ValidationFraction = 0.2f, EarlyStopping = new EarlyStopping(patience: 100), MaxGradientNorm = maxGradientNorm };
            long before = GC.GetAllocatedBytesForCurrentThread();
            net.Train(Data.Inputs, Data.Labels, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // Each measured twice and the smaller taken: a method still at tier 0 when the long call starts can be
        // recompiled on this thread in the middle of it (on-stack replacement, whose timing depends on the
        // background tier-1 compiler and so on the machine's load), and the JIT's one-time allocations would
        // be counted. An allocation per epoch or per batch shows in both measurements.
        long one = Math.Min(Allocated(1), Allocated(1)), many = Math.Min(Allocated(41), Allocated(41));
        long perEntry = System.Runtime.CompilerServices.Unsafe.SizeOf<EpochReport>();
        // 40 more report entries, and at most a few bytes more in the closing message's text (two-digit
        // epoch numbers): any allocation per epoch or per batch would add at least 40 × 24 bytes more. (The
        // report's list starts with room for the epochs asked for, up to 256, and doubles past that: exactly an
        // entry per epoch here, an entry amortised on longer runs.)
        Assert.InRange(many - one, 40 * perEntry, 40 * perEntry + 64);
    }

    [Fact]
    public void ATrainCallAllocatesFourBytesPerRowBesidesItsReport()
    {
        // The row order is the one allocation that grows with the data (the large buffers stay with the network).
        var options = new TrainingOptions { Epochs = 1, BatchSize = 64, Optimizer = Optimizer.Adam(0.01f), MaxDegreeOfParallelism = 1 };
        long CallOn(int rows)
        {
            (float[] inputs, int[] labels) = TrainingTests.ToyClassification(SmallClassifier.InputSize, SmallClassifier.OutputSize, rows, seed: 2);
            var net = new SmallClassifier(3);
            net.Train(inputs, labels, options);
            long before = GC.GetAllocatedBytesForCurrentThread();
            net.Train(inputs, labels, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long small = CallOn(1_000), large = CallOn(11_000);
        Assert.InRange(large - small, 4 * 10_000, 4 * 10_000 + 64);
        Assert.InRange(small - 4 * 1_000, 0, 2_048);   // the report and the call's small objects
    }

    [Fact]
    public void TrainingAgainReusesTheLargeBuffersAndStartsFresh()
    {
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(WideNet.InputSize, WideNet.OutputSize, 128, seed: 2);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 32, Optimizer = Optimizer.Adam(0.01f), MaxDegreeOfParallelism = 1, EarlyStopping = new EarlyStopping(patience: 5) };
        var twice = new WideNet(3);
        twice.Train(inputs, labels, options);
        long before = GC.GetAllocatedBytesForCurrentThread();
        twice.Train(inputs, labels, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The report and the row order only: one parameter-sized array alone would be 142 KB.
        Assert.True(allocated < WideNet.ParameterCount * sizeof(float) / 8, $"a second Train call allocated {allocated} bytes");

        // The reused optimizer state starts from zero again: the second call is exactly a first call from where the first ended.
        var once = new WideNet(3);
        once.Train(inputs, labels, options);
        var fresh = new WideNet(3);
        once.Parameters.CopyTo(fresh.Parameters);
        fresh.Train(inputs, labels, options);
        Assert.Equal(TrainingTests.Bits(fresh.Parameters), TrainingTests.Bits(twice.Parameters));
    }

    [Fact]
    public void InitialisationSchemesHaveTheirSpread()
    {
        var net = new DropoutNet(21);
        Span<float> p = net.Parameters;
        // Layer 1: He-normal, fan-in 9 → σ = √(2/9); layer 2 takes the network's LeCun-normal, fan-in 17 → σ = √(1/17).
        AssertSpread(p.Slice(0, 17 * 9), Math.Sqrt(2.0 / 9));
        AssertSpread(p.Slice(17 * 9 + 17, 8 * 17), Math.Sqrt(1.0 / 17));

        static void AssertSpread(Span<float> weights, double sigma)
        {
            double mean = 0, square = 0;
            foreach (float w in weights) { mean += w; square += (double)w * w; }
            mean /= weights.Length;
            double std = Math.Sqrt(square / weights.Length - mean * mean);
            Assert.InRange(std, 0.85 * sigma, 1.15 * sigma);
            Assert.Contains(weights.ToArray(), w => Math.Abs(w) > 1.5 * sigma); // normal, not uniform: tails beyond the uniform's reach
        }
    }

    [Theory]
    [InlineData(0, 1f)]
    [InlineData(1, 1f)]
    [InlineData(2, 0.5f)]
    [InlineData(5, 0.25f)]
    public void StepDecayHalvesEveryTwoEpochs(int epoch, float factor)
        => Assert.Equal(factor, LearningRateSchedule.StepDecay(2, 0.5f).Factor(epoch));

    [Fact]
    public void CosineAndWarmupFollowTheirClosedForms()
    {
        LearningRateSchedule cosine = LearningRateSchedule.Cosine(10, minFactor: 0.1f);
        Assert.Equal(1f, cosine.Factor(0));
        Assert.Equal(0.55f, cosine.Factor(5), 6);
        Assert.Equal(0.1f, cosine.Factor(10), 6);
        LearningRateSchedule warm = LearningRateSchedule.Constant.WithWarmup(4, startFactor: 0.2f);
        Assert.Equal(new[] { 0.2f, 0.4f, 0.6f, 0.8f, 1f, 1f }, Enumerable.Range(0, 6).Select(e => MathF.Round(warm.Factor(e), 6)));
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
