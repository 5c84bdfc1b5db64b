using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Explain mode computes what the fast code computes: each explain-mode network against its fast twin (same layers,
/// loss and seed) — outputs, loss, gradients, a run of TrainStep and a run of Train — within float rounding.
/// </summary>
public class ExplainModeTests
{
    public static TheoryData<string> Twins => new()
    {
        "XorNet", "SmallClassifier", "SmallRegressor", "MultiLabelNet", "DeepSoftmax", "EluSoftmaxNet",
    };

    [Theory]
    [MemberData(nameof(Twins))]
    public void StartsFromTheFastNetworksParameters(string name)
    {
        (ITestNetwork fast, ITestNetwork explained) = Create(name, seed: 5);
        Assert.Equal(TrainingTests.Bits(fast.Parameters), TrainingTests.Bits(explained.Parameters));
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void PredictLossAndGradientsAgree(string name)
    {
        (ITestNetwork fast, ITestNetwork explained) = Create(name, seed: 6);
        var reference = new ReferenceMlp(fast.GetType());
        var random = new Random(name.Length);
        reference.RandomizeBiases(fast.Parameters, random);
        fast.Parameters.CopyTo(explained.Parameters);
        for (int sample = 0; sample < 5; sample++)
        {
            (float[] input, float[] target) = reference.RandomSample(random);
            float[] a = new float[reference.OutputSize], b = new float[reference.OutputSize];
            fast.Predict(input, a);
            explained.Predict(input, b);
            AssertClose(a, b, $"{name} output");
            Assert.Equal(fast.Classify(input), explained.Classify(input));
            AssertClose(new[] { fast.ComputeLoss(input, target) }, new[] { explained.ComputeLoss(input, target) }, $"{name} loss");
            float[] ga = new float[reference.ParameterCount], gb = new float[reference.ParameterCount];
            float la = fast.AccumulateGradients(input, target, ga), lb = explained.AccumulateGradients(input, target, gb);
            AssertClose(new[] { la }, new[] { lb }, $"{name} AccumulateGradients' loss");
            AssertClose(ga, gb, $"{name} gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void TrainStepsAndATrainingRunAgree(string name)
    {
        (ITestNetwork fast, ITestNetwork explained) = Create(name, seed: 7);
        var reference = new ReferenceMlp(fast.GetType());
        var random = new Random(3);
        const int samples = 24;
        var inputs = new float[samples * reference.InputSize];
        var targets = new float[samples * reference.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            (float[] x, float[] t) = reference.RandomSample(random);
            x.CopyTo(inputs, s * x.Length);
            t.CopyTo(targets, s * t.Length);
            AssertClose(new[] { fast.TrainStep(x, t, 0.05f) }, new[] { explained.TrainStep(x, t, 0.05f) }, $"{name} TrainStep {s} loss");
        }
        AssertClose(fast.Parameters.ToArray(), explained.Parameters.ToArray(), $"{name} after TrainStep");

        var options = new TrainingOptions { Epochs = 4, BatchSize = 5, Optimizer = Optimizer.Adam(0.01f), Seed = 9, MaxDegreeOfParallelism = 1 };
        TrainingReport a = Trainer.Train((ITrainableNetwork)fast, inputs, targets, options), b = Trainer.Train((ITrainableNetwork)explained, inputs, targets, options);
        AssertClose(a.Epochs.Select(e => e.TrainLoss).ToArray(), b.Epochs.Select(e => e.TrainLoss).ToArray(), $"{name} epoch losses");
        AssertClose(fast.Parameters.ToArray(), explained.Parameters.ToArray(), $"{name} after Train");
        var batchA = new float[samples * reference.OutputSize];
        var batchB = new float[samples * reference.OutputSize];
        fast.PredictBatch(inputs, batchA);
        explained.PredictBatch(inputs, batchB);
        AssertClose(batchA, batchB, $"{name} PredictBatch");
    }

    private static (ITestNetwork Fast, ITestNetwork Explained) Create(string name, int seed)
        => (NetworkCatalog.Create(NetworkCatalog.Find(name), seed), NetworkCatalog.Create(NetworkCatalog.Find("Explain" + name), seed));

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"{what}[{i}]: fast {expected[i]:R}, explained {actual[i]:R}");
        }
    }
}
