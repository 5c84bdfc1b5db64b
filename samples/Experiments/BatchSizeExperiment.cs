using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using StaticNet.Training;

namespace StaticNet.Experiments;

/// <summary>
/// The same network, data and learning rate trained three ways: stochastic gradient descent (a step per sample),
/// mini-batch (a step per 32 samples) and full-batch gradient descent (one step per epoch, on the mean gradient of all
/// samples); then mini-batch again with a four times larger learning rate, which the averaged, less noisy gradient of a
/// batch tolerates. Per epoch, more steps mean more progress; per second, a step on a batch costs less per sample (each
/// weight is read once per batch), which is what the time column and the right-hand plot weigh.
/// </summary>
public sealed class BatchSizeExperiment : IExperiment
{
    public const int FullEpochs = 30;

    public const float LearningRate = 0.05f;

    /// <summary>The larger learning rate of the last variant.</summary>
    public const float LargeLearningRate = 0.2f;

    public static readonly (string Name, int BatchSize, float LearningRate)[] Variants =
    {
        ("stochastic (1)", 1, LearningRate), ("mini-batch (32)", 32, LearningRate), ("full batch (1348)", 0, LearningRate),
        ($"mini-batch (32), η = {LargeLearningRate.ToString(CultureInfo.InvariantCulture)}", 32, LargeLearningRate),
    };

    public string Name => "batch-size";

    public string Title => $"Batch vs stochastic vs mini-batch: 64-32-10 ReLU on 1348 digits, SGD η = {LearningRate.ToString(CultureInfo.InvariantCulture)} for each, then mini-batch at η = {LargeLearningRate.ToString(CultureInfo.InvariantCulture)}; one thread";

    public (string Table, string PlotPath) Run(string digitsPath, string outputFolder)
    {
        IReadOnlyList<BatchRun> runs = Measure(Digits.Load(digitsPath, trainCount: 1348, validationCount: 1, seed: 2024), FullEpochs);
        return (Table(runs), Plot(runs, outputFolder));
    }

    /// <summary>
    /// Each variant for <paramref name="epochs"/> epochs from the same initial parameters: after every epoch the loss on the
    /// whole training set (Evaluate, not timed) and how long the epoch's Train call took (one thread). Before that, each
    /// variant trains a throwaway network for <paramref name="warmUpSeconds"/>, so that the JIT has compiled its code
    /// paths at their final tier (the stochastic path needs about a quarter of a second) and that is not what is timed.
    /// </summary>
    public static IReadOnlyList<BatchRun> Measure(Digits data, int epochs, double warmUpSeconds = 0.5)
    {
        var runs = new List<BatchRun>();
        foreach ((string name, int batchSize, float learningRate) in Variants)
        {
            Classifier warmUp = Classifier.DigitsSample(seed: 2);
            for (var warming = Stopwatch.StartNew(); warming.Elapsed.TotalSeconds < warmUpSeconds;) TrainEpoch(warmUp, data, batchSize, learningRate, epoch: 1);
            Classifier classifier = Classifier.DigitsSample(seed: 1);
            var losses = new double[epochs];
            var seconds = new double[epochs];
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                long start = Stopwatch.GetTimestamp();
                TrainEpoch(classifier, data, batchSize, learningRate, epoch);
                seconds[epoch - 1] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                losses[epoch - 1] = classifier.Evaluate(data.TrainInputs, data.TrainLabels).Loss;
            }
            int steps = batchSize == 0 ? 1 : (data.TrainCount + batchSize - 1) / batchSize;
            runs.Add(new BatchRun(name, steps, losses, seconds));
        }
        return runs;
    }

    private static void TrainEpoch(Classifier classifier, Digits data, int batchSize, float learningRate, int epoch)
        => classifier.Train(data.TrainInputs, data.TrainLabels, new TrainingOptions
        {
            Epochs = 1, BatchSize = batchSize, Optimizer = Optimizer.Sgd(learningRate), Seed = epoch, MaxDegreeOfParallelism = 1,
        });

    /// <summary>
    /// The training-set loss after each epoch and each epoch's training time. Time is counted as epochs × the fastest
    /// epoch: every epoch of a variant does the same work, so what makes one slower than another is disturbance (other
    /// processes on a shared machine, the JIT's background thread), which only ever adds time.
    /// </summary>
    public sealed record BatchRun(string Variant, int StepsPerEpoch, double[] Losses, double[] EpochSeconds)
    {
        public double FastestEpochSeconds => EpochSeconds.Min();

        /// <summary>Milliseconds of training after epoch <paramref name="epoch"/> (1-based).</summary>
        public double Milliseconds(int epoch) => 1000 * epoch * FastestEpochSeconds;
    }

    public static string Table(IReadOnlyList<BatchRun> runs)
    {
        int epochs = runs[0].Losses.Length;
        int[] shown = new[] { 1, 5, 10, epochs }.Where(e => e <= epochs).Distinct().ToArray();
        var header = new List<string> { "variant", "steps per epoch" };
        header.AddRange(shown.Select(e => $"loss after {e}"));
        header.Add("ms per epoch (fastest)");
        header.Add($"time to loss {Target.ToString(CultureInfo.InvariantCulture)}");
        var table = new TextTable(header.ToArray());
        foreach (BatchRun run in runs)
        {
            var row = new List<string> { run.Variant, run.StepsPerEpoch.ToString(CultureInfo.InvariantCulture) };
            row.AddRange(shown.Select(e => run.Losses[e - 1].ToString("F3", CultureInfo.InvariantCulture)));
            row.Add((1000 * run.FastestEpochSeconds).ToString("F2", CultureInfo.InvariantCulture));
            int reached = Array.FindIndex(run.Losses, l => l <= Target) + 1;
            row.Add(reached == 0 ? "not reached" : $"{run.Milliseconds(reached).ToString("F1", CultureInfo.InvariantCulture)} ms (epoch {reached})");
            table.Add(row.ToArray());
        }
        return table.ToString();
    }

    /// <summary>The loss the table times each variant to.</summary>
    public const double Target = 0.2;

    public static string Plot(IReadOnlyList<BatchRun> runs, string folder)
    {
        var byEpoch = new LineChart("Training loss per epoch", "epoch", "cross-entropy on the training set (log)", logY: true, legend: null);
        var byTime = new LineChart("Training loss against training time", "milliseconds of training: epochs × fastest epoch (log)", "cross-entropy on the training set (log)", logY: true, legend: null, logX: true);
        for (int r = 0; r < runs.Count; r++)
        {
            BatchRun run = runs[r];
            bool large = r == runs.Count - 1;   // the larger-η mini-batch, dashed in mini-batch's colour
            int color = large ? 1 : r;
            byEpoch.Add(run.Variant, Enumerable.Range(1, run.Losses.Length).Select(e => (double)e).ToArray(), run.Losses, dashed: large, color: color);
            byTime.Add(run.Variant, Enumerable.Range(1, run.Losses.Length).Select(run.Milliseconds).ToArray(), run.Losses, dashed: large, color: color);
        }
        return LineChart.Save(folder, "batch-size.png", 600, 520, byEpoch, byTime);
    }
}
