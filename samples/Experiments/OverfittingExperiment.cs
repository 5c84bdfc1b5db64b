using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Training;

namespace StaticNet.Experiments;

/// <summary>
/// A network with far more parameters (9,610) than training samples (100 digits) learns them by heart: its training
/// loss goes to 0 while the loss on 449 unseen digits stops falling and climbs. L2 regularisation (Adam's weight
/// decay), dropout and early stopping each make it generalise better, which shows as a smaller gap between the two losses.
/// </summary>
public sealed class OverfittingExperiment : IExperiment
{
    public const int FullEpochs = 300;

    public const int TrainCount = 100;

    public const float WeightDecay = 0.01f;

    public const int Patience = 10;

    public string Name => "overfitting";

    public string Title => $"Overfitting: 64-128-10 ReLU on {TrainCount} training digits (449 to validate), full-batch Adam η = 0.01; the cures: L2 (weight decay {WeightDecay.ToString(CultureInfo.InvariantCulture)}), dropout 0.5, early stopping (patience {Patience})";

    public (string Table, string PlotPath) Run(string digitsPath, string outputFolder)
    {
        IReadOnlyList<FitRun> runs = Measure(Digits.Load(digitsPath, TrainCount, validationCount: 449, seed: 2024), FullEpochs);
        return (Table(runs), Plot(runs, outputFolder));
    }

    /// <summary>The plain network and its three cures, each trained for up to <paramref name="epochs"/> epochs from the same start.</summary>
    public static IReadOnlyList<FitRun> Measure(Digits data, int epochs)
    {
        var variants = new (string Name, Classifier Classifier, float WeightDecay, EarlyStopping? EarlyStopping)[]
        {
            ("no cure", Classifier.Wide(seed: 1), 0f, null),
            ("L2 (weight decay)", Classifier.Wide(seed: 1), WeightDecay, null),
            ("dropout 0.5", Classifier.WideDropout(seed: 1), 0f, null),
            ("early stopping", Classifier.Wide(seed: 1), 0f, new EarlyStopping(Patience, restoreBest: true)),
        };
        var runs = new List<FitRun>();
        foreach (var variant in variants)
        {
            TrainingReport report = variant.Classifier.Train(data.TrainInputs, data.TrainLabels, new TrainingOptions
            {
                Epochs = epochs,
                BatchSize = 0,
                Optimizer = Optimizer.Adam(0.01f, weightDecay: variant.WeightDecay),
                EarlyStopping = variant.EarlyStopping,
                Seed = 1,
            }, data.ValidationInputs, data.ValidationLabels);
            EvaluationResult train = variant.Classifier.Evaluate(data.TrainInputs, data.TrainLabels);
            EvaluationResult validation = variant.Classifier.Evaluate(data.ValidationInputs, data.ValidationLabels);
            runs.Add(new FitRun(variant.Name,
                report.Epochs.Select(e => (double)e.TrainLoss).ToArray(), report.Epochs.Select(e => (double)e.ValidationLoss).ToArray(),
                report.BestEpoch, train.Loss, validation.Loss, validation.Accuracy));
        }
        return runs;
    }

    /// <summary>
    /// Per-epoch losses as Train reported them (the training loss as trained on: with dropout, dropout on), and the final
    /// losses from Evaluate (dropout off) of the parameters the network ends with (early stopping: the best epoch's).
    /// </summary>
    public sealed record FitRun(string Variant, double[] TrainLosses, double[] ValidationLosses, int BestEpoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy)
    {
        public double Gap => ValidationLoss - TrainLoss;
    }

    public static string Table(IReadOnlyList<FitRun> runs)
    {
        var table = new TextTable("variant", "epochs", "train loss", "validation loss", "gap", "lowest validation loss", "validation accuracy");
        foreach (FitRun run in runs)
        {
            table.Add(run.Variant, run.TrainLosses.Length.ToString(CultureInfo.InvariantCulture), F(run.TrainLoss), F(run.ValidationLoss), F(run.Gap),
                $"{F(run.ValidationLosses.Min())} (epoch {run.BestEpoch})", run.ValidationAccuracy.ToString("P1", CultureInfo.InvariantCulture));
        }
        return table.ToString();
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    public static string Plot(IReadOnlyList<FitRun> runs, string folder)
    {
        var chart = new LineChart("Overfitting: validation (solid) and training (dashed) loss", "epoch", "cross-entropy (log)", logY: true, legend: ScottPlot.Alignment.LowerLeft);
        chart.LimitY(1e-4, 1e1);
        for (int r = 0; r < runs.Count; r++)
        {
            FitRun run = runs[r];
            double[] epochs = Enumerable.Range(1, run.TrainLosses.Length).Select(e => (double)e).ToArray();
            chart.Add($"{run.Variant}, validation", epochs, run.ValidationLosses, color: r);
            chart.Add($"{run.Variant}, training", epochs, run.TrainLosses, dashed: true, color: r);
        }
        return LineChart.Save(folder, "overfitting.png", 900, 550, chart);
    }
}
