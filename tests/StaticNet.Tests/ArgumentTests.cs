using System;
using System.Threading.Tasks;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Wrong span lengths throw ArgumentException naming the parameter and both lengths, and change nothing.</summary>
public class ArgumentTests
{
    private readonly DigitsNet _net = new(3);
    private readonly float[] _input = new float[DigitsNet.InputSize];
    private readonly float[] _target = new float[DigitsNet.OutputSize];

    public ArgumentTests()
    {
        for (int i = 0; i < _input.Length; i++) _input[i] = (i % 7) / 7f;
        _target[4] = 1f;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    public void WrongInputLengthThrowsAndChangesNothing(int length)
    {
        var input = new float[length];
        AssertRejected(() => _net.Predict(input, new float[DigitsNet.OutputSize]), "input", length, DigitsNet.InputSize);
        AssertRejected(() => _net.ComputeLoss(input, _target), "input", length, DigitsNet.InputSize);
        AssertRejected(() => _net.AccumulateGradients(input, _target, new float[DigitsNet.ParameterCount]), "input", length, DigitsNet.InputSize);
        AssertRejected(() => _net.TrainStep(input, _target, 0.1f), "input", length, DigitsNet.InputSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(11)]
    public void WrongOutputOrTargetLengthThrowsAndChangesNothing(int length)
    {
        var output = new float[length];
        Array.Fill(output, 42f);
        AssertRejected(() => _net.Predict(_input, output), "output", length, DigitsNet.OutputSize);
        Assert.All(output, v => Assert.Equal(42f, v));
        AssertRejected(() => _net.ComputeLoss(_input, new float[length]), "target", length, DigitsNet.OutputSize);
        AssertRejected(() => _net.AccumulateGradients(_input, new float[length], new float[DigitsNet.ParameterCount]), "target", length, DigitsNet.OutputSize);
        AssertRejected(() => _net.TrainStep(_input, new float[length], 0.1f), "target", length, DigitsNet.OutputSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(DigitsNet.ParameterCount - 1)]
    [InlineData(DigitsNet.ParameterCount + 1)]
    public void WrongGradientLengthThrowsAndWritesNothing(int length)
    {
        var gradients = new float[length];
        Array.Fill(gradients, 7f);
        AssertRejected(() => _net.AccumulateGradients(_input, _target, gradients), "gradients", length, DigitsNet.ParameterCount);
        Assert.All(gradients, v => Assert.Equal(7f, v));
    }

    /// <summary>Predict only reads the parameters, so concurrent calls agree with single-threaded ones.</summary>
    [Fact]
    public void ConcurrentPredictMatchesSequential()
    {
        const int samples = 64;
        var inputs = new float[samples][];
        var expected = new float[samples][];
        var random = new Random(5);
        for (int s = 0; s < samples; s++)
        {
            inputs[s] = new float[DigitsNet.InputSize];
            for (int i = 0; i < inputs[s].Length; i++) inputs[s][i] = (float)random.NextDouble();
            expected[s] = new float[DigitsNet.OutputSize];
            _net.Predict(inputs[s], expected[s]);
        }
        Parallel.For(0, samples * 50, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            Span<float> output = stackalloc float[DigitsNet.OutputSize];
            _net.Predict(inputs[k % samples], output);
            Assert.Equal(expected[k % samples], output.ToArray());
        });
    }

    private void AssertRejected(Action call, string parameter, int actual, int expected)
    {
        int[] before = TrainingTests.Bits(_net.Parameters);
        var error = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"length {actual}", error.Message);
        Assert.Contains($"exactly {expected}", error.Message);
        Assert.Equal(before, TrainingTests.Bits(_net.Parameters));
    }
}

/// <summary>Hostile values at run time: non-finite inputs or targets never reach the parameters.</summary>
public class HostileValueTests
{
    [Theory]
    [InlineData(float.NaN, 0f)]
    [InlineData(float.PositiveInfinity, 0f)]
    [InlineData(0.5f, float.NaN)]
    [InlineData(0.5f, float.NegativeInfinity)]
    public void NonFiniteInputOrTargetIsRejectedBeforeAnythingChanges(float inputValue, float targetValue)
    {
        var net = new XorNet(1);
        int[] before = TrainingTests.Bits(net.Parameters);
        string parameter = float.IsFinite(inputValue) ? "target" : "input";
        var error = Assert.Throws<ArgumentException>(parameter, () => net.TrainStep(new[] { inputValue, 1f }, new[] { targetValue }, 0.5f));
        Assert.Contains("index 0", error.Message);
        var gradients = new float[XorNet.ParameterCount];
        Assert.Throws<ArgumentException>(parameter, () => net.AccumulateGradients(new[] { inputValue, 1f }, new[] { targetValue }, gradients));
        Assert.All(gradients, g => Assert.Equal(0f, g));
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));

        // The network still learns from the next good sample.
        Assert.True(float.IsFinite(net.TrainStep(new[] { 1f, 0f }, new[] { 1f }, 0.5f)));
        Assert.NotEqual(before, TrainingTests.Bits(net.Parameters));
    }

    /// <summary>Train checks its whole data set first (a vectorised pass, then the first bad value's place): anywhere, the network is untouched.</summary>
    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(37, float.PositiveInfinity)]
    [InlineData(DigitsNet.InputSize * 5 - 1, float.NegativeInfinity)]  // the very last value, in a SIMD vector's tail
    public void TrainRejectsNonFiniteDataAnywhereBeforeAnythingChanges(int at, float value)
    {
        const int rows = 5;
        var net = new DigitsNet(1);
        int[] before = TrainingTests.Bits(net.Parameters);
        var inputs = new float[rows * DigitsNet.InputSize];
        var targets = new float[rows * DigitsNet.OutputSize];
        for (int s = 0; s < rows; s++) targets[s * DigitsNet.OutputSize + s] = 1f;
        var options = new StaticNet.Training.TrainingOptions { Epochs = 1, BatchSize = 2 };

        inputs[at] = value;
        var error = Assert.Throws<ArgumentException>("inputs", () => net.Train(inputs, targets, options));
        Assert.Contains($"row {at / DigitsNet.InputSize}, column {at % DigitsNet.InputSize}", error.Message);
        inputs[at] = 0f;

        int t = at % targets.Length;
        targets[t] = value;
        error = Assert.Throws<ArgumentException>("targets", () => net.Train(inputs, targets, options));
        Assert.Contains($"row {t / DigitsNet.OutputSize}, column {t % DigitsNet.OutputSize}", error.Message);
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
    }

    [Fact]
    public void OverflowingActivationsSkipTheUpdate()
    {
        // Finite but enormous: e^z overflows in the softmax, the loss is not finite, the step is skipped.
        var net = new DigitsNet(1);
        var input = new float[DigitsNet.InputSize];
        System.Array.Fill(input, 3e38f);
        var target = new float[DigitsNet.OutputSize];
        target[2] = 1f;
        int[] before = TrainingTests.Bits(net.Parameters);
        Assert.False(float.IsFinite(net.TrainStep(input, target, 0.1f)));
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
    }

    [Fact]
    public void PredictWithNaNInputGivesNaNAndChangesNothing()
    {
        var net = new XorNet(1);
        int[] before = TrainingTests.Bits(net.Parameters);
        var output = new float[XorNet.OutputSize];
        net.Predict(new[] { float.NaN, 0f }, output);
        Assert.True(float.IsNaN(output[0]));
        Assert.Equal(before, TrainingTests.Bits(net.Parameters));
    }
}
