using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Training;

namespace StaticNet.Experiments;

/// <summary>
/// Per-layer gradient norms ‖∂L/∂W_l‖ of two networks of the same shape, six sigmoid hidden layers (Glorot) and six
/// ReLU hidden layers (He), before training and after each of the first epochs: backpropagation multiplies by σ′(z) ≤ ¼
/// at every sigmoid layer, so the first layers of the sigmoid network get a gradient orders of magnitude smaller than
/// its last, while ReLU (slope 1 where active) with He's variance keeps them of one size.
/// </summary>
public sealed class VanishingGradientsExperiment : IExperiment
{
    public const int FullEpochs = 5;

    /// <summary>Training samples the gradient norms are averaged over.</summary>
    public const int GradientSamples = 256;

    public const float LearningRate = 0.05f;

    public string Name => "vanishing-gradients";

    public string Title => $"Vanishing gradients: ‖∂L/∂W‖ per layer, 64-32×6-10 sigmoid (Glorot) vs ReLU (He), digits, SGD η = {LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of 32";

    public (string Table, string PlotPath) Run(string digitsPath, string outputFolder)
    {
        IReadOnlyList<GradientRun> runs = Measure(Digits.Load(digitsPath, trainCount: 1348, validationCount: 1, seed: 2024), FullEpochs);
        return (Table(runs), Plot(runs, outputFolder));
    }

    /// <summary>Both networks: the norms before training (epoch 0) and after each of <paramref name="epochs"/> epochs, and each epoch's training loss.</summary>
    public static IReadOnlyList<GradientRun> Measure(Digits data, int epochs)
    {
        var runs = new List<GradientRun>();
        foreach (Classifier classifier in new[] { Classifier.DeepSigmoid(seed: 1), Classifier.DeepRelu(seed: 1) })
        {
            int samples = Math.Min(GradientSamples, data.TrainCount);
            ReadOnlySpan<float> inputs = data.TrainInputs.AsSpan(0, samples * Digits.Pixels);
            ReadOnlySpan<int> labels = data.TrainLabels.AsSpan(0, samples);
            var norms = new List<double[]> { LayerGradients.WeightNorms(classifier.Network, inputs, labels) };
            var losses = new List<double>();
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                TrainingReport report = classifier.Train(data.TrainInputs, data.TrainLabels, new TrainingOptions
                {
                    Epochs = 1, BatchSize = 32, Optimizer = Optimizer.Sgd(LearningRate), Seed = epoch,   // one epoch at a time, a new order each
                });
                losses.Add(report.Epochs[0].TrainLoss);
                norms.Add(LayerGradients.WeightNorms(classifier.Network, inputs, labels));
            }
            runs.Add(new GradientRun(classifier.Name, norms.ToArray(), losses.ToArray()));
        }
        return runs;
    }

    /// <summary><see cref="Norms"/>[epoch][layer]: epoch 0 is before training; <see cref="Losses"/>[e − 1] is epoch e's training loss.</summary>
    public sealed record GradientRun(string Network, double[][] Norms, double[] Losses)
    {
        /// <summary>‖∂L/∂W‖ of the first layer over that of the last, at an epoch: how much of the gradient reaches the bottom.</summary>
        public double FirstOverLast(int epoch) => Norms[epoch][0] / Norms[epoch][^1];
    }

    public static string Table(IReadOnlyList<GradientRun> runs)
    {
        int layers = runs[0].Norms[0].Length;
        var header = new List<string> { "network, after epoch" };
        header.AddRange(Enumerable.Range(1, layers).Select(l => "W" + l));
        header.Add("W1 / W" + layers);
        header.Add("train loss");
        var table = new TextTable(header.ToArray());
        foreach (GradientRun run in runs)
        {
            for (int epoch = 0; epoch < run.Norms.Length; epoch++)
            {
                var row = new List<string> { $"{run.Network}, {epoch}" };
                row.AddRange(run.Norms[epoch].Select(Scientific));
                row.Add(Scientific(run.FirstOverLast(epoch)));
                row.Add(epoch == 0 ? "–" : run.Losses[epoch - 1].ToString("F3", CultureInfo.InvariantCulture));
                table.Add(row.ToArray());
            }
        }
        return table.ToString();
    }

    private static string Scientific(double value) => value.ToString("0.0e+00", CultureInfo.InvariantCulture);

    public static string Plot(IReadOnlyList<GradientRun> runs, string folder)
    {
        var chart = new LineChart("Vanishing gradients: ‖∂L/∂W‖ per layer", "layer (1 = next to the input)", "gradient norm (log)", logY: true, legend: ScottPlot.Alignment.LowerRight);
        for (int r = 0; r < runs.Count; r++)
        {
            GradientRun run = runs[r];
            double[] layers = Enumerable.Range(1, run.Norms[0].Length).Select(l => (double)l).ToArray();
            chart.Add($"{run.Network}, before training", layers, run.Norms[0], dashed: true, color: r);
            chart.Add($"{run.Network}, after epoch {run.Norms.Length - 1}", layers, run.Norms[^1], color: r);
        }
        return LineChart.Save(folder, "vanishing-gradients.png", 800, 500, chart);
    }
}
