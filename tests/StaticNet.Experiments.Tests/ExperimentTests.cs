using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNet.Experiments;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Experiments.Tests;

/// <summary>
/// Each experiment's core with a small budget, asserting the effect its table claims (never a time: the batch-size
/// experiment is judged by its losses per epoch only).
/// </summary>
public class ExperimentTests
{
    private static readonly Lazy<Digits> AllDigits = new(() => Digits.Load(Digits.DefaultPath, trainCount: 1348, validationCount: 449, seed: 2024));

    [Fact]
    public void LearningRateTooSmallBarelyMovesGoodConvergesTooLargeDiverges()
    {
        IReadOnlyList<LearningRateExperiment.LearningRateRun> runs = LearningRateExperiment.Measure(epochs: 200);
        var (small, good, large) = (runs[0], runs[1], runs[2]);

        Assert.True(small.Final > 0.8 * small.Initial, $"too small: {small.Initial} → {small.Final}");
        Assert.True(good.Final < 0.05 * good.Initial, $"good: {good.Initial} → {good.Final}");
        Assert.Equal(StopReason.NonFinite, large.StopReason);
        Assert.True(large.Diverged && large.Losses.Length < 200);
        Assert.Contains("diverged", LearningRateExperiment.Table(runs));
    }

    [Fact]
    public void SigmoidGradientsVanishTowardTheInputAndReluGradientsDoNot()
    {
        Digits data = Digits.Load(Digits.DefaultPath, trainCount: 256, validationCount: 1, seed: 2024);
        IReadOnlyList<VanishingGradientsExperiment.GradientRun> runs = VanishingGradientsExperiment.Measure(data, epochs: 1);
        var (sigmoid, relu) = (runs[0], runs[1]);

        foreach (int epoch in new[] { 0, 1 })
        {
            Assert.True(sigmoid.FirstOverLast(epoch) < 1e-2, $"sigmoid W1/W7 after epoch {epoch}: {sigmoid.FirstOverLast(epoch)}");
            Assert.True(sigmoid.Norms[epoch][0] < 1e-2 * relu.Norms[epoch][0], $"sigmoid W1 {sigmoid.Norms[epoch][0]} vs ReLU W1 {relu.Norms[epoch][0]}");
            Assert.InRange(relu.FirstOverLast(epoch), 0.3, 10);
        }
    }

    [Fact]
    public void EachCureClosesTheGapBetweenTrainingAndValidationLoss()
    {
        Digits data = Digits.Load(Digits.DefaultPath, OverfittingExperiment.TrainCount, validationCount: 449, seed: 2024);
        IReadOnlyList<OverfittingExperiment.FitRun> runs = OverfittingExperiment.Measure(data, epochs: 150);
        OverfittingExperiment.FitRun plain = runs[0];

        Assert.True(plain.TrainLoss < 0.01, $"the plain network should learn its 100 digits by heart: train loss {plain.TrainLoss}");
        Assert.True(plain.ValidationLoss > plain.ValidationLosses.Min() + 0.05, "its validation loss should climb from its lowest");
        foreach (OverfittingExperiment.FitRun cure in runs.Skip(1))
        {
            Assert.True(cure.Gap < plain.Gap, $"{cure.Variant}: gap {cure.Gap} vs {plain.Gap} without a cure");
        }
        Assert.True(runs[3].TrainLosses.Length < 150, "early stopping should stop early");
    }

    [Fact]
    public void SmallerBatchesMakeMoreStepsAndMoreProgressPerEpoch()
    {
        IReadOnlyList<BatchSizeExperiment.BatchRun> runs = BatchSizeExperiment.Measure(AllDigits.Value, epochs: 3, warmUpSeconds: 0);
        var (stochastic, mini, full, miniLarger) = (runs[0], runs[1], runs[2], runs[3]);

        Assert.Equal(new[] { 1348, 43, 1, 43 }, runs.Select(r => r.StepsPerEpoch));
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.True(stochastic.Losses[epoch] < mini.Losses[epoch] && mini.Losses[epoch] < full.Losses[epoch],
                $"epoch {epoch + 1}: {stochastic.Losses[epoch]} / {mini.Losses[epoch]} / {full.Losses[epoch]}");
            Assert.True(miniLarger.Losses[epoch] < mini.Losses[epoch], $"epoch {epoch + 1}: η = 0.2 {miniLarger.Losses[epoch]} vs η = 0.05 {mini.Losses[epoch]}");
        }
        Assert.All(runs, r => Assert.All(r.EpochSeconds, s => Assert.True(s > 0)));
    }

    [Fact]
    public void ALargeLearningRateKillsMostReluUnitsButNotLeakyOnes()
    {
        IReadOnlyList<ActivationsExperiment.ActivationRun> runs = ActivationsExperiment.Measure(AllDigits.Value, epochs: ActivationsExperiment.FullEpochs);  // LeakyReLU at η = 1 recovers after epoch 8 (its loss there depends on float rounding), by 30
        ActivationsExperiment.ActivationRun Find(string activation, float learningRate) => runs.Single(r => r.Activation == activation && r.LearningRate == learningRate);
        var relu = Find("ReLU", ActivationsExperiment.LearningRate);
        var dying = Find("ReLU", ActivationsExperiment.LargeLearningRate);
        var leaky = Find("LeakyReLU", ActivationsExperiment.LargeLearningRate);

        Assert.Equal(new[] { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU" }, runs.Take(5).Select(r => r.Activation));
        Assert.True(dying.InactiveFractions[^1] > 0.5, $"dead ReLU units at η = 1: {dying.InactiveFractions[^1]:P0}");
        Assert.True(dying.InactiveFractions[^1] > relu.InactiveFractions[^1] + 0.3, $"{dying.InactiveFractions[^1]:P0} vs {relu.InactiveFractions[^1]:P0} at η = 0.1");
        Assert.True(dying.Losses[^1] > 1.5 && relu.Losses[^1] < 0.5, $"loss {dying.Losses[^1]} dying vs {relu.Losses[^1]}");
        Assert.True(leaky.Losses[^1] < dying.Losses[^1] / 2, $"LeakyReLU at η = 1: loss {leaky.Losses[^1]}");
    }

    [Fact]
    public void ChartsAreWrittenAsPngFiles()
    {
        string folder = Path.Combine(Path.GetTempPath(), "staticnet-experiments-" + Guid.NewGuid().ToString("N"));
        try
        {
            var chart = new LineChart("title", "x", "y", logY: true);
            chart.Add("line", new double[] { 1, 2, 3 }, new double[] { 1, 0.1, 0.01 });
            var other = new LineChart("other", "x", "y", legend: null);
            other.Add("line", new double[] { 1, 2 }, new double[] { 3, 4 });
            foreach (string path in new[] { LineChart.Save(folder, "one.png", 300, 200, chart), LineChart.Save(folder, "two.png", 300, 200, chart, other) })
            {
                byte[] bytes = File.ReadAllBytes(path);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4));
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
