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
