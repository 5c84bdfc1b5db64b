using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Every declared network (every activation × loss, sizes 1 to 33, deep stacks) against the double
/// precision reference: outputs, loss, gradients by central finite differences, and one SGD step.
/// </summary>
public class GradientTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names();

    [Fact]
    public void CatalogCoversEveryActivationLossAndSize()
    {
        Assert.True(NetworkCatalog.All.Length >= GradientNetworks.All.Length + 4);
        var references = NetworkCatalog.All.Select(t => new ReferenceMlp(t)).ToArray();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            Assert.Contains(references, r => r.Layers.Any(l => l.Activation == activation));
        }
        foreach (Loss loss in Enum.GetValues<Loss>()) Assert.Contains(references, r => r.Loss == loss);
        foreach (int size in new[] { 1, 3, 7, 8, 9, 16, 17, 33 }) Assert.Contains(references, r => r.Sizes.Contains(size));
        Assert.Contains(references, r => r.Layers.Length >= 4);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void MatchesReferenceAndFiniteDifferences(string name)
    {
        Type type = NetworkCatalog.Find(name);
        var reference = new ReferenceMlp(type);
        ITestNetwork net = NetworkCatalog.Create(type, seed: 42);
        Assert.Equal(reference.InputSize, NetworkCatalog.Constant(type, "InputSize"));
        Assert.Equal(reference.OutputSize, NetworkCatalog.Constant(type, "OutputSize"));
        Assert.Equal(reference.ParameterCount, NetworkCatalog.Constant(type, "ParameterCount"));
        Assert.Equal(reference.ParameterCount, net.Parameters.Length);

        var random = new Random(StableSeed(name) + Stress);
        RandomizeBiases(net, reference, random);
        (float[] input, float[] target) = reference.RandomSample(random);
        double[] p = ReferenceMlp.ToDouble(net.Parameters);
        double[] x = ReferenceMlp.ToDouble(input), t = ReferenceMlp.ToDouble(target);

        // Forward pass and loss.
        var output = new float[reference.OutputSize];
        net.Predict(input, output);
        AssertClose(reference.Forward(p, x), output, absolute: 1e-5, relative: 1e-4, what: "output");
        float loss = net.ComputeLoss(input, target);
        AssertClose(new[] { reference.LossOf(p, x, t) }, new[] { loss }, absolute: 1e-5, relative: 1e-4, what: "loss");

        // Backpropagation against central differences of the double-precision loss.
        var gradients = new float[net.Parameters.Length];
        // Tiny networks compute single samples in straight-line code and batches in loops: the two may differ in the last bits.
        Assert.Equal(loss, net.AccumulateGradients(input, target, gradients), 1e-6f + 1e-5f * Math.Abs(loss));
        AssertClose(reference.NumericalGradient(p, x, t), gradients, absolute: 1e-4, relative: 1e-3, what: "gradient");

        // Accumulate adds: a second call doubles the buffer.
        float[] once = gradients.ToArray();
        net.AccumulateGradients(input, target, gradients);
        AssertClose(ReferenceMlp.ToDouble(once.Select(g => 2 * g).ToArray()), gradients, absolute: 1e-7, relative: 1e-5, what: "accumulated gradient");

        // One SGD step: θ ← θ − η·∇θ, returning the loss before the step. (With dropout, TrainStep
        // drops units, so its gradient is another one: DropoutTests checks it with the masks replayed.)
        if (reference.Layers.Any(l => l.Dropout > 0f)) return;
        float[] before = net.Parameters.ToArray();
        const float learningRate = 0.1f;
        Assert.Equal(loss, net.TrainStep(input, target, learningRate), 1e-6f + 1e-5f * Math.Abs(loss));
        double[] expected = before.Select((v, i) => (double)v - learningRate * once[i]).ToArray();
        AssertClose(expected, net.Parameters.ToArray(), absolute: 1e-6, relative: 1e-5, what: "parameters after TrainStep");
    }

    /// <summary>A seed from the name that is the same in every process (string.GetHashCode is randomised per process).</summary>
    internal static int StableSeed(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name) hash = (hash ^ c) * 16777619;
        return (int)(hash & 0x7FFFFFFF);
    }

    private static readonly int Stress = int.TryParse(Environment.GetEnvironmentVariable("STATICNET_GRADIENT_SEED"), out int s) ? s : 0;

    internal static void RandomizeBiases(ITestNetwork net, ReferenceMlp reference, Random random) => reference.RandomizeBiases(net.Parameters, random);

    internal static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double absolute, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i])) continue; // not sampled (see ReferenceMlp.GradientStride)
            double tolerance = absolute + relative * Math.Abs(expected[i]);
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
            {
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance:G3})");
            }
        }
    }
}
