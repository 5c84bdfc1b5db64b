using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Inverted dropout: training drops each unit with probability p and scales the kept ones by 1/(1 − p);
/// the masks come from the seeded dropout sequence (layer by layer, sample by sample, unit by unit),
/// so a test can replay them and check the step against finite differences of the masked network.
/// </summary>
public class DropoutTests
{
    [Theory]
    [InlineData(nameof(DropoutNet), 99)]
    [InlineData(nameof(DropoutNet), 100)]
    [InlineData(nameof(DropoutSmoothNet), 7)]
    [InlineData(nameof(DropoutSmoothNet), 8)]
    public void TrainStepFollowsTheGradientOfTheMaskedNetwork(string name, int dropoutSeed)
    {
        Type type = NetworkCatalog.Find(name);
        var reference = new ReferenceMlp(type);
        ITestNetwork net = NetworkCatalog.Create(type, seed: 5);
        var random = new Random(dropoutSeed);
        GradientTests.RandomizeBiases(net, reference, random);
        (float[] input, float[] target) = reference.RandomSample(random);
        ((IDropoutTrainableNetwork)net).SeedDropout(dropoutSeed);

        // Replay the masks the forward pass will draw.
        var replay = new NetRandom(dropoutSeed);
        var masks = new double[reference.Layers.Length + 1][];
        for (int l = 1; l <= reference.Layers.Length; l++)
        {
            float p = reference.Layers[l - 1].Dropout;
            masks[l] = Enumerable.Range(0, reference.Sizes[l]).Select(_ => p > 0f ? (replay.NextSingle() < p ? 0.0 : (double)(1f / (1f - p))) : 1.0).ToArray();
        }
        Assert.Contains(0.0, masks[1]);                        // something was dropped…
        Assert.Contains(masks[1], m => m > 1.0);               // …and something kept
        Func<int, int, double> mask = (l, j) => masks[l][j];

        double[] p0 = ReferenceMlp.ToDouble(net.Parameters);
        double[] x = ReferenceMlp.ToDouble(input), t = ReferenceMlp.ToDouble(target);
        double[] gradient = reference.NumericalGradient(p0, x, t, mask);
        const float learningRate = 0.05f;

        // The batched training path draws the same masks from the same seed: its gradient is the masked one.
        var batched = new float[reference.ParameterCount];
        ((ITrainableNetwork)net).AccumulateSlice(input, target, 0, 1, 1f, batched, training: true, out _);
        GradientTests.AssertClose(gradient, batched, 1e-4, 1e-3, "batched masked gradient");
        ((IDropoutTrainableNetwork)net).SeedDropout(dropoutSeed);

        float loss = net.TrainStep(input, target, learningRate);

        GradientTests.AssertClose(new[] { reference.LossOf(p0, x, t, mask) }, new[] { loss }, 1e-5, 1e-4, "masked loss");
        GradientTests.AssertClose(p0.Select((v, i) => v - learningRate * gradient[i]).ToArray(), net.Parameters, 1e-5, 1e-4, "parameters after the step");
    }

    [Fact]
    public void PredictionIgnoresDropout()
    {
        var net = new DropoutNet(3);
        var input = Enumerable.Range(0, DropoutNet.InputSize).Select(i => i / 9f).ToArray();
        var first = new float[DropoutNet.OutputSize];
        var second = new float[DropoutNet.OutputSize];
        net.Predict(input, first);
        net.TrainStep(input, new float[] { 1, 0, 0, 0 }, 0f); // draws masks, changes nothing (η = 0)
        net.Predict(input, second);
        Assert.Equal(first, second);
        var reference = new ReferenceMlp(typeof(DropoutNet));
        GradientTests.AssertClose(reference.Forward(ReferenceMlp.ToDouble(net.Parameters), ReferenceMlp.ToDouble(input)), first, 1e-6, 1e-5, "prediction");
    }

    [Fact]
    public void TrainingWithDropoutIsReproducibleFromTheSeed()
    {
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(DropoutNet.InputSize, DropoutNet.OutputSize, 64, seed: 2);
        float[] Run(int seed)
        {
            var net = new DropoutNet(1);
            net.Train(inputs, labels, new TrainingOptions { Epochs = 3, BatchSize = 8, Seed = seed, Optimizer = Optimizer.Adam(0.01f) });
            return net.Parameters.ToArray();
        }
        Assert.Equal(TrainingTests.Bits(Run(4)), TrainingTests.Bits(Run(4)));
        Assert.NotEqual(TrainingTests.Bits(Run(4)), TrainingTests.Bits(Run(5)));
    }
}
