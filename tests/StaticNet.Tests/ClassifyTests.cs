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
