using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>StaticNet.GradientCheck: passes every generated network, catches a broken gradient and names it, leaves the parameters alone.</summary>
public class GradientCheckTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names();

    [Theory]
    [MemberData(nameof(Networks))]
    public void PassesOnEveryTestNetwork(string name)
    {
        (INetwork net, float[] input, float[] target) = Sample(name, seedOffset: 0);
        float[] before = net.Parameters.ToArray();

        GradientCheckResult result = GradientCheck.Run(net, input, target);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(before, net.Parameters.ToArray());
        Assert.Equal(net.ParameterCount, result.Checked + result.Skipped);
        Assert.True(result.Skipped * 10 <= net.ParameterCount, $"{result.Skipped} of {net.ParameterCount} skipped at kinks");  // at most a tenth (a 57-parameter ELU net skips 3)
        Assert.Equal(net.Architecture.Layers.Count, result.Layers.Count);
    }

    [Fact]
    public void FailsOnOneCorruptedGradientAndNamesIt()
    {
        (INetwork real, float[] input, float[] target) = Sample(nameof(DeepSoftmax), seedOffset: 1);
        var gradient = new float[real.ParameterCount];
        real.AccumulateGradients(input, target, gradient);
        NetworkArchitecture architecture = real.Architecture;
        // Layer 3's weight with the largest gradient: 10 % of it is far above the float loss's noise (about 2.4e-4 here).
        const int layer = 2;
        int broken = Enumerable.Range(architecture.WeightOffset(layer), architecture.BiasOffset(layer) - architecture.WeightOffset(layer))
            .MaxBy(i => Math.Abs(gradient[i]));
        Assert.True(Math.Abs(gradient[broken]) > 0.02, $"largest W3 gradient {gradient[broken]}");
        var net = new BrokenGradientNetwork(real, g => g[broken] *= 1.1f);   // a wrong factor somewhere

        GradientCheckResult result = GradientCheck.Run(net, input, target);

        Assert.False(result.Passed, result.ToString());
        Assert.Equal(1, result.Failed);
        Assert.Equal(broken, result.WorstParameter);
        Assert.StartsWith("W3[", result.ParameterName(broken));
        Assert.Equal(layer, result.LayerOf(broken).Index);
        Assert.Equal(broken, result.Layers[layer].Weights.WorstParameter);
        Assert.False(result.Layers[layer].Passed);
        Assert.All(result.Layers.Where(l => l.Index != layer), l => Assert.True(l.Passed));
        Assert.True(result.Layers[layer].Biases.Passed);
        Assert.InRange(result.MaxAbsoluteError, 0.09 * Math.Abs(gradient[broken]), 0.11 * Math.Abs(gradient[broken]));
        Assert.True(result.MaxRelativeError > 5 * GradientCheck.Tolerance, $"relative error {result.MaxRelativeError}");
        Assert.Contains("Gradient check FAILED", result.ToString());
        Assert.Contains($"Worst: {result.ParameterName(broken)} (parameter {broken})", result.ToString());
    }

    [Fact]
    public void FailsOnAWrongSignInOneLayer()
    {
        (INetwork real, float[] input, float[] target) = Sample(nameof(DeepRegression), seedOffset: 2);
        var net = new BrokenGradientNetwork(real, BrokenGradientNetwork.FlipBiasSign(real.Architecture, 1));

        GradientCheckResult result = GradientCheck.Run(net, input, target);

        Assert.False(result.Passed);
        Assert.Equal(1, result.LayerOf(result.WorstParameter).Index);
        Assert.StartsWith("b2[", result.ParameterName(result.WorstParameter));
        Assert.True(result.Layers[1].Biases.Failed > 0);
        Assert.True(result.Layers[1].Weights.Passed);
        Assert.All(result.Layers.Where(l => l.Index != 1), l => Assert.True(l.Passed));
        Assert.True(result.MaxRelativeError >= 1.9, $"a flipped sign is off by 2·|g|: {result.MaxRelativeError}");
    }

    [Fact]
    public void SkipsParametersWhoseStepCrossesAReluKink()
    {
        // Put unit 0 of SmallClassifier's ReLU layer exactly at z = 0: every parameter feeding it then steps across the
        // kink, where the central difference averages two slopes and backpropagation takes one of them.
        var net = new SmallClassifier(seed: 4);
        float[] input = { 0.5f, -1f, 0.25f, 0.75f };
        float[] target = { 0f, 0f, 1f };
        NetworkArchitecture architecture = SmallClassifier.Architecture;
        Span<float> p = net.Parameters;
        p[architecture.BiasOffset(0)] = 0f;
        p[0] = 0f; p[1] = 0f; p[2] = 0f; p[3] = 0f;   // W1[0, ·]: z1[0] = 0 whatever the input
        p[0] = 1f; p[1] = 0.5f;                        // z1[0] = 0.5 − 0.5 = 0 exactly in float
        p[architecture.WeightOffset(1)] = 2f;          // W2[0, 0]: the dead unit matters to the output

        GradientCheckResult result = GradientCheck.Run(net, input, target);

        Assert.True(result.Passed, result.ToString());
        foreach (int skipped in new[] { 0, 1, 2, 3, architecture.BiasOffset(0) })
        {
            Assert.True(double.IsNaN(result.FiniteDifferences[skipped]), result.ParameterName(skipped));
        }
        Assert.Equal(5, result.Layers[0].Weights.Skipped + result.Layers[0].Biases.Skipped);
    }

    [Fact]
    public void SamplesEachBlockEvenlyWhenAskedTo()
    {
        (INetwork net, float[] input, float[] target) = Sample(nameof(WideNet), seedOffset: 3);

        GradientCheckResult result = GradientCheck.Run(net, input, target, maxPerTensor: 40);

        Assert.True(result.Passed, result.ToString());
        foreach (GradientCheckLayer layer in result.Layers)
        {
            Assert.Equal(Math.Min(40, layer.Weights.Count), layer.Weights.Checked + layer.Weights.Skipped);
            Assert.Equal(Math.Min(40, layer.Biases.Count), layer.Biases.Checked + layer.Biases.Skipped);
        }
        // Spread over the whole block, not its first rows: W1 is 256 × 128, so the last sample lies in its last rows.
        int lastChecked = Enumerable.Range(0, net.ParameterCount).Last(i => !double.IsNaN(result.FiniteDifferences[i]) && i < net.Architecture.BiasOffset(0));
        Assert.True(lastChecked >= net.Architecture.BiasOffset(0) * 39 / 40, $"last checked weight {lastChecked}");
        Assert.Contains(" not sampled, ", result.ToString());
    }

    [Fact]
    public void RestoresTheParametersWhenTheNetworkThrows()
    {
        (INetwork real, float[] input, float[] target) = Sample(nameof(DigitsNet), seedOffset: 5);
        float[] before = real.Parameters.ToArray();
        var net = new ThrowingNetwork(real, failOnCall: 101);   // in the middle of a parameter's pair of losses

        Assert.Throws<InvalidOperationException>(() => GradientCheck.Run(net, input, target));

        Assert.Equal(before, real.Parameters.ToArray());
    }

    [Fact]
    public void RefusesBadArguments()
    {
        var net = new SmallClassifier(seed: 1);
        float[] input = new float[4], target = { 1f, 0f, 0f };

        Assert.Throws<ArgumentNullException>("network", () => GradientCheck.Run(null!, input, target));
        ArgumentException shortInput = Assert.Throws<ArgumentException>("input", () => GradientCheck.Run(net, new float[3], target));
        Assert.Contains("3", shortInput.Message);
        Assert.Contains("4", shortInput.Message);
        ArgumentException longTarget = Assert.Throws<ArgumentException>("target", () => GradientCheck.Run(net, input, new float[5]));
        Assert.Contains("5", longTarget.Message);
        Assert.Contains("3", longTarget.Message);
        Assert.Throws<ArgumentException>("input", () => GradientCheck.Run(net, new[] { 0f, float.NaN, 0f, 0f }, target));
        Assert.Throws<ArgumentException>("input", () => GradientCheck.Run(net, new[] { 0f, 0f, float.PositiveInfinity, 0f }, target));
        Assert.Throws<ArgumentException>("target", () => GradientCheck.Run(net, input, new[] { float.NegativeInfinity, 0f, 0f }));
        Assert.Throws<ArgumentOutOfRangeException>("maxPerTensor", () => GradientCheck.Run(net, input, target, maxPerTensor: 0));

        net.Parameters[7] = float.NaN;
        ArgumentException badParameter = Assert.Throws<ArgumentException>("network", () => GradientCheck.Run(net, input, target));
        Assert.Contains("parameter 7", badParameter.Message);
    }

    /// <summary>A network of the catalog with random biases and a random sample, as the reference tests draw them.</summary>
    internal static (INetwork Net, float[] Input, float[] Target) Sample(string name, int seedOffset)
    {
        Type type = NetworkCatalog.Find(name);
        var reference = new ReferenceMlp(type);
        ITestNetwork net = NetworkCatalog.Create(type, seed: 42 + seedOffset);
        var random = new Random(GradientTests.StableSeed(name) + seedOffset);
        reference.RandomizeBiases(net.Parameters, random);
        (float[] input, float[] target) = reference.RandomSample(random);
        return ((INetwork)net, input, target);
    }
}
