using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Training;

namespace StaticNet.Experiments;

/// <summary>
/// Full-batch gradient descent on one curve fit with three learning rates: too small (the loss barely moves), good
/// (it falls), too large (each step overshoots further and the loss grows until it overflows).
/// </summary>
public sealed class LearningRateExperiment : IExperiment
{
    /// <summary>Too small, good, too large for <see cref="CurveNet"/> on this curve (0.5 still converges, with bumps; 0.7 diverges).</summary>
    public static readonly float[] LearningRates = { 0.0001f, 0.2f, 1f };

    public const int FullEpochs = 1000;

    public string Name => "learning-rate";

    public string Title => "Learning rate: too small, good, too large (CurveNet 1-32-1 tanh, MSE, full-batch gradient descent on 200 points of y = sin 2x + x/2)";

    public (string Table, string PlotPath) Run(string digitsPath, string outputFolder)
    {
        IReadOnlyList<LearningRateRun> runs = Measure(FullEpochs);
        return (Table(runs), Plot(runs, outputFolder));
    }

    /// <summary>One run per learning rate of <paramref name="epochs"/> epochs (one step each), from the same initial parameters.</summary>
    public static IReadOnlyList<LearningRateRun> Measure(int epochs)
    {
        (float[] x, float[] y) = Curve(200);
        var runs = new List<LearningRateRun>();
        foreach (float learningRate in LearningRates)
        {
            var net = new CurveNet(seed: 1);
            TrainingReport report = net.Train(x, y, new TrainingOptions
            {
                Epochs = epochs,
                BatchSize = 0,               // full batch: one step per epoch on the mean gradient over all 200 points
                Optimizer = Optimizer.Sgd(learningRate),
                Shuffle = false,
            });
            runs.Add(new LearningRateRun(learningRate, report.Epochs.Select(e => (double)e.TrainLoss).ToArray(), report.StopReason, epochs));
        }
        return runs;
    }

    /// <summary>The loss of each epoch (before its step); a diverging run ends early with <see cref="StopReason.NonFinite"/>.</summary>
    public sealed record LearningRateRun(float LearningRate, double[] Losses, StopReason StopReason, int EpochsAsked)
    {
        public double Initial => Losses[0];

        public double Final => Losses[^1];

        public bool Diverged => StopReason == StopReason.NonFinite || Final > Initial;
    }

    public static string Table(IReadOnlyList<LearningRateRun> runs)
    {
        var table = new TextTable("learning rate", "loss, epoch 1", "epoch 10", "epoch 100", "last epoch", "outcome");
        foreach (LearningRateRun run in runs)
        {
            table.Add(run.LearningRate.ToString("G", CultureInfo.InvariantCulture), Loss(run, 1), Loss(run, 10), Loss(run, 100), Loss(run, run.Losses.Length), Outcome(run));
        }
        return table.ToString();
    }

    private static string Outcome(LearningRateRun run)
        => run.StopReason == StopReason.NonFinite ? $"diverged: the loss overflowed float after epoch {run.Losses.Length}"
         : run.Diverged ? "diverged"
         : $"{100 * run.Final / run.Initial:G2} % of the first epoch's loss left after {run.Losses.Length}";

    private static string Loss(LearningRateRun run, int epoch) => epoch <= run.Losses.Length ? run.Losses[epoch - 1].ToString("G4", CultureInfo.InvariantCulture) : "–";

    public static string Plot(IReadOnlyList<LearningRateRun> runs, string folder)
    {
        var chart = new LineChart("Learning rate: MSE per epoch (full batch)", "epoch", "training loss (log)", logY: true);
        chart.LimitY(1e-4, 1e2);   // the diverging run leaves through the top; its last losses are in the table
        foreach (LearningRateRun run in runs)
        {
            chart.Add($"η = {run.LearningRate.ToString("G", CultureInfo.InvariantCulture)}", Enumerable.Range(1, run.Losses.Length).Select(e => (double)e).ToArray(), run.Losses);
        }
        return LineChart.Save(folder, "learning-rate.png", 800, 500, chart);
    }

    /// <summary>y = sin 2x + x/2 at <paramref name="count"/> evenly spaced x in [−1, 1].</summary>
    private static (float[] X, float[] Y) Curve(int count)
    {
        var x = new float[count];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = -1f + 2f * i / (count - 1);
            y[i] = MathF.Sin(2f * x[i]) + 0.5f * x[i];
        }
        return (x, y);
    }
}
