using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// TrainStep and AccumulateGradients, hostile: learning rates that are not rates, NaN and ±∞ planted first, middle and last,
/// and for every loss the targets it cannot mean. Refused before anything is written — parameters and gradients alike.
/// </summary>
public class TrainStepHostileTests
{
    private static float[] Input(int size) => Enumerable.Range(0, size).Select(i => (i % 5) / 5f).ToArray();

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-1f)]
    [InlineData(-float.Epsilon)]
    [InlineData(float.MinValue)]
    public void ALearningRateThatIsNotARateIsRefused(float rate)
    {
        // Both code shapes: straight-line (XorNet) and kernels (DigitsNet).
        var xor = new XorNet(1);
        Hostile.Refused<ArgumentOutOfRangeException>(xor, () => xor.TrainStep(new[] { 1f, 0f }, new[] { 1f }, rate), "learningRate",
            $"The learning rate is {rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        var digits = new DigitsNet(1);
        var target = new float[DigitsNet.OutputSize];
        target[3] = 1f;
        Hostile.Refused<ArgumentOutOfRangeException>(digits, () => digits.TrainStep(Input(DigitsNet.InputSize), target, rate), "learningRate", "finite number ≥ 0");
    }

    [Fact]
    public void AZeroLearningRateIsAStepThatChangesNothing()
    {
        var net = new XorNet(1);
        int[] before = TrainingTests.Bits(net.Parameters);
        Assert.True(float.IsFinite(net.TrainStep(new[] { 1f, 0f }, new[] { 1f }, 0f)));
        Assert.True(float.IsFinite(net.TrainStep(new[] { 1f, 0f }, new[] { 1f }, -0f)));
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteInputsAndTargetsAreNamedByIndexWherever(float value)
    {
        var net = new DigitsNet(2);
        float[] target = new float[DigitsNet.OutputSize];
        target[1] = 1f;
        foreach (int at in Hostile.Places(DigitsNet.InputSize))
        {
            float[] input = Input(DigitsNet.InputSize);
            input[at] = value;
            AssertBothRefused(net, input, target, "input", $"index {at}");
        }
        foreach (int at in Hostile.Places(DigitsNet.OutputSize))
        {
            float[] bad = target.ToArray();
            bad[at] = value;
            AssertBothRefused(net, Input(DigitsNet.InputSize), bad, "target", $"index {at}");
        }
    }

    public static TheoryData<string, float[], string> TargetsTheLossCannotMean() => new()
    {
        // Cross-entropy (SmallClassifier, 3 classes): probabilities that sum to 1.
        { nameof(SmallClassifier), new[] { -5f, 10f, 0f }, "holds -5 at index 0: CrossEntropy targets are probabilities" },
        { nameof(SmallClassifier), new[] { 0f, 0f, 2f }, "holds 2 at index 2" },
        { nameof(SmallClassifier), new[] { 0.5f, 0.4f, 0f }, "sums to 0.9: CrossEntropy targets are a distribution" },
        { nameof(SmallClassifier), new[] { 1f, 1f, 0f }, "sums to 2" },
        { nameof(SmallClassifier), new[] { 0f, 0f, 0f }, "sums to 0" },
        // Binary cross-entropy (MultiLabelNet, 2 outputs; LogisticRegression, 1): each in [0, 1].
        { nameof(MultiLabelNet), new[] { 2f, 0f }, "holds 2 at index 0: BinaryCrossEntropy targets are probabilities, each in [0, 1]" },
        { nameof(MultiLabelNet), new[] { 0.5f, -1f }, "holds -1 at index 1" },
        { nameof(LogisticRegression), new[] { 1.0001f }, "holds 1.0001 at index 0" },
        { nameof(LogisticRegression), new[] { -float.Epsilon }, "at index 0" },
    };

    [Theory]
    [MemberData(nameof(TargetsTheLossCannotMean))]
    public void TargetsTheLossCannotMeanAreRefused(string network, float[] target, string phrase)
    {
        Type type = NetworkCatalog.Find(network);
        ITestNetwork net = NetworkCatalog.Create(type, seed: 1);
        float[] input = Input(NetworkCatalog.Constant(type, "InputSize"));
        AssertBothRefused(net, input, target, "target", phrase);
        // ComputeLoss too: a "loss" of a target the loss cannot mean (CrossEntropy of {−5, 10, 0} is negative) means nothing.
        Hostile.Refused<ArgumentException>((INetwork)net, () => net.ComputeLoss(input, target), "target", phrase);
    }

    [Fact]
    public void TargetsTheLossCanMeanAreTakenForEveryLoss()
    {
        Assert.True(float.IsFinite(new SmallClassifier(1).TrainStep(Input(4), new[] { 0.2f, 0.3f, 0.5f }, 0.1f)));   // label smoothing's kind
        Assert.True(float.IsFinite(new SmallClassifier(1).TrainStep(Input(4), new[] { 0.2f, 0.3f, 0.5004f }, 0.1f)));   // within 0.001 of a sum of 1
        Assert.True(float.IsFinite(new MultiLabelNet(1).TrainStep(Input(5), new[] { 0f, 1f }, 0.1f)));
        Assert.True(float.IsFinite(new SmallRegressor(1).TrainStep(Input(3), new[] { -1e6f, 3e5f }, 1e-9f)));   // regression: any finite target
    }

    [Fact]
    public void ANonFiniteParameterThatReachesTheLossMakesTrainStepSkipItsUpdate()
    {
        // TrainStep checks its arguments, not the parameters (a pass over all of them per sample): a NaN written through
        // Parameters into an output bias gives a NaN loss, and the update is skipped. Train names such a parameter
        // before it starts (DivergenceTests).
        var net = new DigitsNet(3);
        net.Parameters[DigitsNet.ParameterCount - 1] = float.NaN;
        int[] before = TrainingTests.Bits(net.Parameters);
        var target = new float[DigitsNet.OutputSize];
        target[0] = 1f;
        Assert.True(float.IsNaN(net.TrainStep(Input(DigitsNet.InputSize), target, 0.1f)));
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
    }

    /// <summary>TrainStep and AccumulateGradients both refuse it, writing neither the parameters nor the gradients.</summary>
    private static void AssertBothRefused(ITestNetwork net, float[] input, float[] target, string parameter, string phrase)
    {
        Hostile.Refused<ArgumentException>((INetwork)net, () => net.TrainStep(input, target, 0.1f), parameter, phrase);
        var gradients = Enumerable.Repeat(7f, net.Parameters.Length).ToArray();
        Hostile.Refused<ArgumentException>((INetwork)net, () => net.AccumulateGradients(input, target, gradients), parameter, phrase);
        Assert.All(gradients, g => Assert.Equal(7f, g));
    }
}
