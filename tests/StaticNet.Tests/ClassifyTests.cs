using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Classify answers what Evaluate counts as right: the arg-max, or for a single Sigmoid output the 0.5 threshold.</summary>
public class ClassifyTests
{
    [Fact]
    public void ASingleSigmoidOutputIsThresholdedAtOneHalf()
    {
        // σ(x0): weight 1 on the first input, nothing else, so the output is ≥ 0.5 exactly when x0 ≥ 0.
        var net = new LogisticRegression(1);
        net.Parameters.Clear();
        net.Parameters[0] = 1f;
        Assert.Equal(1, net.Classify(new[] { 2f, 0f, 0f, 0f }));
        Assert.Equal(1, net.Classify(new[] { 0f, 5f, 5f, 5f }));   // σ(0) = 0.5 counts as class 1
        Assert.Equal(0, net.Classify(new[] { -2f, 0f, 0f, 0f }));
        Assert.Equal(0, net.Classify(new[] { float.NaN, 0f, 0f, 0f }));
    }

    [Fact]
    public void ClassifyAgreesWithPredictToTheLastBitOnAStraightLineNetwork()
    {
        // XorNet's Predict is straight-line code; Classify must read that same output, not a second forward pass whose
        // other summation order can round the other way at the threshold. For random inputs the output bias is bisected to
        // where Predict's σ steps up to 0.5, and Classify is checked at that bias and the floats either side of it.
        var net = new XorNet(0);
        var random = new Random(11);
        var output = new float[1];
        float Predict(float[] x, float bias)
        {
            net.Parameters[16] = bias;
            net.Predict(x, output);
            return output[0];
        }
        for (int i = 0; i < 300; i++)
        {
            float[] x = { (float)(random.NextDouble() * 4 - 2), (float)(random.NextDouble() * 4 - 2) };
            float low = -8f, high = 8f;   // σ < 0.5 at low, ≥ 0.5 at high
            for (int step = 0; step < 80 && MathF.BitIncrement(low) < high; step++)
            {
                float middle = low + (high - low) / 2;
                if (middle <= low || middle >= high) break;
                if (Predict(x, middle) >= 0.5f) high = middle; else low = middle;
            }
            foreach (float bias in new[] { MathF.BitDecrement(low), low, high, MathF.BitIncrement(high) })
            {
                float y = Predict(x, bias);
                Assert.Equal(y >= 0.5f ? 1 : 0, net.Classify(x));
            }
        }
    }

    [Fact]
    public void ClassifyAgreesWithEvaluatesAccuracyOnABinaryClassifier()
    {
        var random = new Random(4);
        float[] inputs = Enumerable.Range(0, 40 * 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        int[] labels = Enumerable.Range(0, 40).Select(i => inputs[i * 4] + inputs[i * 4 + 1] > 0 ? 1 : 0).ToArray();
        var net = new LogisticRegression(2);
        net.Train(inputs, labels, new TrainingOptions { Epochs = 30, BatchSize = 8, Optimizer = Optimizer.Adam(0.05f) });

        int correct = Enumerable.Range(0, 40).Count(i => net.Classify(inputs.AsSpan(i * 4, 4)) == labels[i]);
        EvaluationResult result = net.Evaluate(inputs, labels);
        Assert.Equal(result.Accuracy, (float)correct / 40);
        Assert.True(result.Accuracy > 0.9f, result.ToString());   // and both say it learnt (Classify alone said 0 for all)
        Assert.Contains(Enumerable.Range(0, 40), i => net.Classify(inputs.AsSpan(i * 4, 4)) == 1);
    }

    [Fact]
    public void SeveralOutputsTakeTheArgMaxWhateverTheActivation()
    {
        var net = new MultiLabelNet(1);   // two Sigmoid outputs: not a single output, so the arg-max
        var input = new float[] { 0.3f, -0.2f, 0.9f, 0.1f, 0.5f };
        var output = new float[2];
        net.Predict(input, output);
        Assert.Equal(Metrics.ArgMax(output), net.Classify(input));
        var xor = new XorNet(1);           // one Sigmoid output under MSE: thresholded like the classifiers
        var y = new float[1];
        xor.Predict(new[] { 1f, 0f }, y);
        Assert.Equal(y[0] >= 0.5f ? 1 : 0, xor.Classify(new[] { 1f, 0f }));
    }
}
