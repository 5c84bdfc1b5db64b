using System;
using System.Linq;
using System.Threading.Tasks;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>PredictBatch and ClassifyBatch: row for row what Predict and Classify give, for any number of rows, without allocating.</summary>
public class BatchInferenceTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names();

    /// <summary>Row counts around the four-sample blocks and the 64-row chunks: none, one, ragged tails, several chunks.</summary>
    private static readonly int[] RowCounts = { 0, 1, 3, 4, 5, 63, 64, 65, 130 };

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryRowIsWhatPredictAndClassifyGive(string name)
    {
        (ITestNetwork net, int inputSize, int outputSize) = Create(name);
        foreach (int n in RowCounts)
        {
            float[] inputs = Inputs(n * inputSize, seed: n);
            var outputs = new float[n * outputSize];
            var classes = new int[n];
            net.PredictBatch(inputs, outputs);
            net.ClassifyBatch(inputs, classes);
            var single = new float[outputSize];
            for (int s = 0; s < n; s++)
            {
                ReadOnlySpan<float> row = inputs.AsSpan(s * inputSize, inputSize);
                net.Predict(row, single);
                for (int k = 0; k < outputSize; k++)
                {
                    float expected = single[k], actual = outputs[s * outputSize + k];
                    Assert.True(Math.Abs(expected - actual) <= 1e-5f * (1 + Math.Abs(expected)), $"{name}, {n} rows: row {s}, output {k}: {actual:R}, Predict gives {expected:R}");
                }
                // Classify's arg-max may differ only where two outputs tie within rounding.
                int expectedClass = net.Classify(row);
                Assert.True(classes[s] == expectedClass || Math.Abs(single[classes[s]] - single[expectedClass]) <= 1e-5f,
                    $"{name}, {n} rows: row {s} classified {classes[s]}, Classify gives {expectedClass}");
            }
        }
    }

    [Theory]
    [InlineData("DigitsNet")]
    [InlineData("OddWideNet")]
    [InlineData("XorNet")]
    public void WrongShapesAreRefusedBeforeAnythingIsWritten(string name)
    {
        (ITestNetwork net, int inputSize, int outputSize) = Create(name);
        var outputs = Enumerable.Repeat(7f, 3 * outputSize).ToArray();
        var classes = Enumerable.Repeat(7, 3).ToArray();
        Assert.Throws<ArgumentException>("inputs", () => net.PredictBatch(new float[3 * inputSize + 1], outputs));
        Assert.Throws<ArgumentException>("outputs", () => net.PredictBatch(new float[3 * inputSize], new float[2 * outputSize]));
        Assert.Throws<ArgumentException>("outputs", () => net.PredictBatch(new float[3 * inputSize], new float[3 * outputSize + 1]));
        Assert.Throws<ArgumentException>("inputs", () => net.ClassifyBatch(new float[3 * inputSize - 1], classes));
        Assert.Throws<ArgumentException>("classes", () => net.ClassifyBatch(new float[3 * inputSize], new int[4]));
        Assert.All(outputs, v => Assert.Equal(7f, v));
        Assert.All(classes, c => Assert.Equal(7, c));
    }

    [Theory]
    [InlineData("DigitsNet")]
    [InlineData("WideNet")]
    [InlineData("DeepSoftmax")]
    public void ABatchAllocatesNothing(string name)
    {
        (ITestNetwork net, int inputSize, int outputSize) = Create(name);
        float[] inputs = Inputs(130 * inputSize, seed: 1);
        var outputs = new float[130 * outputSize];
        var classes = new int[130];
        net.PredictBatch(inputs, outputs);
        net.ClassifyBatch(inputs, classes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        net.PredictBatch(inputs, outputs);
        net.ClassifyBatch(inputs, classes);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Two threads predicting batches on one network at once get what each gets alone.</summary>
    [Fact]
    public void ThreadsSharingANetworkGetTheirOwnResults()
    {
        (ITestNetwork net, int inputSize, int outputSize) = Create("WideNet");
        float[][] inputs = { Inputs(70 * inputSize, seed: 2), Inputs(70 * inputSize, seed: 3) };
        // First past RebuildAfter batches, so that where batches read W1's transposed copy every call below reads it:
        // its sums run in another order than the direct path's, so the last bits differ between the two.
        var warm = new float[70 * outputSize];
        for (int i = 0; i <= StaticNet.Kernels.TransposedWeights.RebuildAfter; i++) net.PredictBatch(inputs[0], warm);
        float[][] alone = inputs.Select(x => { var y = new float[70 * outputSize]; net.PredictBatch(x, y); return y; }).ToArray();
        float[][] together = { new float[70 * outputSize], new float[70 * outputSize] };
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, t =>
        {
            for (int repeat = 0; repeat < 200; repeat++) net.PredictBatch(inputs[t], together[t]);
        });
        Assert.Equal(TrainingTests.Bits(alone[0]), TrainingTests.Bits(together[0]));
        Assert.Equal(TrainingTests.Bits(alone[1]), TrainingTests.Bits(together[1]));
    }

    private static (ITestNetwork Net, int InputSize, int OutputSize) Create(string name)
    {
        Type type = NetworkCatalog.Find(name);
        return (NetworkCatalog.Create(type, 11), NetworkCatalog.Constant(type, "InputSize"), NetworkCatalog.Constant(type, "OutputSize"));
    }

    private static float[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
    }
}
