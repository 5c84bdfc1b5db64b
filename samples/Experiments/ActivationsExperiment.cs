using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Training;

namespace StaticNet.Experiments;

/// <summary>
/// One task, one shape (64-32-32-10), five activations, the same SGD settings; then ReLU and LeakyReLU again with a
/// learning rate ten times larger, where large steps push many ReLU units to z ≤ 0 on every sample: such a unit outputs 0
/// and gets a gradient of 0, so it never comes back (dying ReLU), while LeakyReLU's slope below 0 lets its units recover.
/// </summary>
public sealed class ActivationsExperiment : IExperiment
{
    public const int FullEpochs = 30;

    public const float LearningRate = 0.1f;

    /// <summary>The learning rate of the dying-ReLU runs.</summary>
    public const float LargeLearningRate = 1f;

    public string Name => "activations";

    public string Title => $"Activations: 64-32-32-10 on 1348 digits (449 to validate), SGD η = {LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of 32; dying ReLU at η = {LargeLearningRate.ToString(CultureInfo.InvariantCulture)}";

    public (string Table, string PlotPath) Run(string digitsPath, string outputFolder)
    {
        IReadOnlyList<ActivationRun> runs = Measure(Digits.Load(digitsPath, trainCount: 1348, validationCount: 449, seed: 2024), FullEpochs);
        return (Table(runs), Plot(runs, outputFolder));
    }

    /// <summary>Each activation at <see cref="LearningRate"/>, then ReLU and LeakyReLU at <see cref="LargeLearningRate"/>, for <paramref name="epochs"/> epochs.</summary>
    public static IReadOnlyList<ActivationRun> Measure(Digits data, int epochs)
    {
        var runs = new List<ActivationRun>();
        foreach (Func<int, Classifier> create in new Func<int, Classifier>[] { Classifier.Sigmoid, Classifier.Tanh, Classifier.Relu, Classifier.LeakyRelu, Classifier.Elu })
        {
            runs.Add(Train(create(1), LearningRate, data, epochs));
        }
        runs.Add(Train(Classifier.Relu(1), LargeLearningRate, data, epochs));
        runs.Add(Train(Classifier.LeakyRelu(1), LargeLearningRate, data, epochs));
        return runs;
    }

    private static ActivationRun Train(Classifier classifier, float learningRate, Digits data, int epochs)
    {
        var losses = new double[epochs];
        var inactive = new double[epochs];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            // One epoch at a time (a new order each), to look at the units between epochs.
            classifier.Train(data.TrainInputs, data.TrainLabels, new TrainingOptions { Epochs = 1, BatchSize = 32, Optimizer = Optimizer.Sgd(learningRate), Seed = epoch });
            losses[epoch - 1] = classifier.Evaluate(data.TrainInputs, data.TrainLabels).Loss;
            inactive[epoch - 1] = DeadUnits.Fraction(classifier.Network, data.TrainInputs);
        }
        EvaluationResult validation = classifier.Evaluate(data.ValidationInputs, data.ValidationLabels);
        return new ActivationRun(classifier.Name, learningRate, losses, inactive, validation.Loss, validation.Accuracy);
    }

    /// <summary>
    /// Per epoch: the training-set loss and the fraction of hidden units with z ≤ 0 on every training sample (for ReLU,
    /// dead; for LeakyReLU and ELU, on the small slope, still learning; for sigmoid and tanh, which have no such region
    /// of zero slope, it is shown but means nothing special).
    /// </summary>
    public sealed record ActivationRun(string Activation, float LearningRate, double[] Losses, double[] InactiveFractions, double ValidationLoss, double ValidationAccuracy)
    {
        public string Label => $"{Activation}, η = {LearningRate.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string Table(IReadOnlyList<ActivationRun> runs)
    {
        int epochs = runs[0].Losses.Length;
        int[] shown = new[] { 1, 5, epochs }.Where(e => e <= epochs).Distinct().ToArray();
        var header = new List<string> { "activation" };
        header.AddRange(shown.Select(e => $"train loss {e}"));
        header.Add("validation accuracy");
        header.Add("units z ≤ 0 on all (dead for ReLU)");
        var table = new TextTable(header.ToArray());
        foreach (ActivationRun run in runs)
        {
            var row = new List<string> { run.Label };
            row.AddRange(shown.Select(e => run.Losses[e - 1].ToString("F3", CultureInfo.InvariantCulture)));
            row.Add(run.ValidationAccuracy.ToString("P1", CultureInfo.InvariantCulture));
            row.Add(run.InactiveFractions[^1].ToString("P0", CultureInfo.InvariantCulture));
            table.Add(row.ToArray());
        }
        return table.ToString();
    }

    public static string Plot(IReadOnlyList<ActivationRun> runs, string folder)
    {
        var loss = new LineChart("Training loss per epoch", "epoch", "cross-entropy on the training set (log)", logY: true, legend: null);
        var dead = new LineChart("Hidden units with z ≤ 0 on every sample", "epoch", "fraction of the 64 hidden units", legend: null);
        dead.LimitY(0, 1);
        for (int r = 0; r < runs.Count; r++)
        {
            ActivationRun run = runs[r];
            bool large = run.LearningRate != LearningRate;
            double[] epochs = Enumerable.Range(1, run.Losses.Length).Select(e => (double)e).ToArray();
            loss.Add(run.Label, epochs, run.Losses, dashed: large, color: r);
            if (run.Activation is "ReLU" or "LeakyReLU") dead.Add(run.Label, epochs, run.InactiveFractions, dashed: large, color: r);
        }
        return LineChart.Save(folder, "activations.png", 600, 560, loss, dead);
    }
}
