using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The hooks that let threads share a mini-batch (IParallelTrainableNetwork) and the optimizer step
/// (parameter ranges) give the same bits as the one-thread pass, however the work is split and in
/// whatever order the parts run.
/// </summary>
public class ParallelHooksTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        // XorNet's first layer has too few inputs for the kernels: its rows are computed one at a time.
        foreach (string name in new[] { nameof(WideNet), nameof(OddWideNet), nameof(DeepSoftmax), nameof(DeepBottleneck), nameof(DeepRegression), nameof(DigitsNet), nameof(XorNet) })
        {
            data.Add(name, 37);
            data.Add(name, 64);
        }
        return data;
    }

    private static IParallelTrainableNetwork Create(string name) => name switch
    {
        nameof(WideNet) => new WideNet(11),
        nameof(OddWideNet) => new OddWideNet(11),
        nameof(DeepSoftmax) => new DeepSoftmax(11),
        nameof(DeepBottleneck) => new DeepBottleneck(11),
        nameof(DeepRegression) => new DeepRegression(11),
        nameof(DigitsNet) => new DigitsNet(11),
        nameof(XorNet) => new XorNet(11),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Inputs in [−1, 1] and targets the loss accepts: one-hot rows, 0/1 labels, or any values for MSE.</summary>
    private static (float[] Inputs, float[] Targets) Batch(ITrainableNetwork net, int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[count * net.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(2 * random.NextDouble() - 1);
        var targets = new float[count * net.OutputSize];
        for (int s = 0; s < count; s++)
        {
            Span<float> t = targets.AsSpan(s * net.OutputSize, net.OutputSize);
            switch (net.Architecture.Loss)
            {
                case Loss.CrossEntropy: t[random.Next(t.Length)] = 1f; break;
                case Loss.BinaryCrossEntropy: for (int k = 0; k < t.Length; k++) t[k] = random.Next(2); break;
                default: for (int k = 0; k < t.Length; k++) t[k] = (float)(2 * random.NextDouble() - 1); break;
            }
        }
        return (inputs, targets);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SplitBatchGivesTheBitsOfTheOneThreadPass(string name, int count)
        => AssertSplitsGiveTheOneThreadBits(name, count, (net, inputs, targets, parts) =>
        {
            // Last part first: the parts are independent, so their order must not matter either.
            for (int k = parts - 1; k >= 0; k--)
            {
                int start = BlockSplit.Start(count, k, parts), end = BlockSplit.Start(count, k + 1, parts);
                if (end > start) net.ForwardBackward(inputs, targets, start, end - start, 1f / count);
            }
        });

    /// <summary>
    /// Layer 1 shared by rows (each thread then reads only the rows of W1 it updates), the layers above by samples:
    /// the same bits as the one-thread pass, whatever the two splits and the order of the parts.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void FirstLayerByRowsGivesTheBitsOfTheOneThreadPass(string name, int count)
        => AssertSplitsGiveTheOneThreadBits(name, count, (net, inputs, targets, parts) =>
        {
            var rows = Assert.IsAssignableFrom<IRowSplitTrainableNetwork>(net);
            for (int k = parts - 1; k >= 0; k--) rows.ForwardFirstLayer(inputs, count, k, parts);
            int sampleParts = 6 - parts;  // another split for the samples than for the rows
            for (int k = sampleParts - 1; k >= 0; k--)
            {
                int start = BlockSplit.Start(count, k, sampleParts), end = BlockSplit.Start(count, k + 1, sampleParts);
                if (end > start) rows.ForwardBackwardAboveFirstLayer(targets, start, end - start, 1f / count);
            }
        });

    /// <summary>
    /// For one to five parts: <paramref name="forwardBackward"/> (given the parts) on a new network, then the loss and
    /// the gradient rows part by part (last first), must give the bits of one AccumulateSlice over the whole batch.
    /// </summary>
    private static void AssertSplitsGiveTheOneThreadBits(string name, int count, Action<IParallelTrainableNetwork, float[], float[], int> forwardBackward)
    {
        IParallelTrainableNetwork serial = Create(name);
        (float[] inputs, float[] targets) = Batch(serial, count, seed: count);
        serial.EnsureBatchCapacity(count);
        var expected = new float[serial.ParameterCount];
        float expectedLoss = serial.AccumulateSlice(inputs, targets, 0, count, 1f / count, expected, training: true, out float expectedScore);

        for (int parts = 1; parts <= 5; parts++)
        {
            IParallelTrainableNetwork split = Create(name);
            split.EnsureBatchCapacity(count);
            forwardBackward(split, inputs, targets, parts);
            float loss = split.LossOfBatch(targets, count, out float score);
            // Each sample's loss, the parts last first, added up in sample order: LossOfBatch's bits too.
            float[] losses = new float[count], scores = new float[count];
            for (int k = parts - 1; k >= 0; k--)
            {
                int start = BlockSplit.Start(count, k, parts), end = BlockSplit.Start(count, k + 1, parts);
                if (end > start) split.SampleLosses(targets, start, end - start, losses.AsSpan(start, end - start), scores.AsSpan(start, end - start));
            }
            float lossBySamples = 0f, scoreBySamples = 0f;
            for (int s = 0; s < count; s++)
            {
                lossBySamples += losses[s];
                scoreBySamples += scores[s];
            }
            var gradients = new float[split.ParameterCount];
            for (int k = parts - 1; k >= 0; k--) split.ComputeGradientRows(inputs, count, k, parts, gradients, null);

            Assert.Equal(BitConverter.SingleToInt32Bits(expectedLoss), BitConverter.SingleToInt32Bits(loss));
            Assert.Equal(BitConverter.SingleToInt32Bits(expectedLoss), BitConverter.SingleToInt32Bits(lossBySamples));
            Assert.Equal(expectedScore, score);
            Assert.Equal(expectedScore, scoreBySamples);
            Assert.Equal(TrainingTests.Bits(expected), TrainingTests.Bits(gradients));
        }
    }

    /// <summary>
    /// Which hooks a network has follows from its declaration: dropout (one random sequence) trains on one thread; without
    /// it threads share the batch, and layer 1 by rows exactly when it is hidden; explain mode runs one sample at a time.
    /// No network carries hooks it never uses.
    /// </summary>
    [Fact]
    public void EachNetworkHasTheHooksOfItsShape()
    {
        foreach (Type type in NetworkCatalog.All)
        {
            var net = (ITrainableNetwork)NetworkCatalog.Create(type, 1);
            bool dropout = net.Architecture.Layers.Any(l => l.Dropout > 0f), hidden = net.Architecture.Layers.Count > 1;
            bool explained = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<NetworkAttribute>(type)!.Explain;
            Assert.Equal(dropout, net is IDropoutTrainableNetwork);
            Assert.Equal(!dropout && !explained, net is IParallelTrainableNetwork);
            Assert.Equal(!dropout && !explained && hidden, net is IRowSplitTrainableNetwork);
        }
    }

    [Theory]
    [InlineData(0.9f, false, 0.01f)]
    [InlineData(0.9f, true, 0.01f)]
    [InlineData(0f, false, 0.01f)]
    [InlineData(0f, false, 0f)]  // plain SGD: its own loop
    public void SgdOverRangesGivesTheBitsOfOneCall(float momentum, bool nesterov, float decay)
    {
        var whole = new OddWideNet(3);
        var pieces = new OddWideNet(3);
        int p = OddWideNet.ParameterCount;
        float[] gradients = Gradients(p, seed: 1);
        float[] velocity1 = Gradients(p, seed: 2), velocity2 = (float[])velocity1.Clone();
        var step = new SgdStep(0.05f, momentum, 0.1f, nesterov, decay, decay / 10f, firstStep: false);

        SgdUpdate.Apply(whole.Parameters, gradients, momentum == 0f ? Span<float>.Empty : velocity1, step);
        foreach ((int start, int length) in Ranges(p))
        {
            SgdUpdate.Apply(pieces.Parameters.Slice(start, length), gradients.AsSpan(start, length), momentum == 0f ? Span<float>.Empty : velocity2.AsSpan(start, length), step);
        }

        Assert.Equal(TrainingTests.Bits(whole.Parameters), TrainingTests.Bits(pieces.Parameters));
        Assert.Equal(TrainingTests.Bits(velocity1), TrainingTests.Bits(velocity2));
        if (momentum == 0f && decay == 0f)
        {
            float[] start = new OddWideNet(3).Parameters.ToArray();
            Assert.Equal(TrainingTests.Bits(start.Select((theta, i) => theta - 0.05f * gradients[i]).ToArray()), TrainingTests.Bits(whole.Parameters));
        }
    }

    [Fact]
    public void AdamOverRangesGivesTheBitsOfOneCall()
    {
        var whole = new OddWideNet(4);
        var pieces = new OddWideNet(4);
        int p = OddWideNet.ParameterCount;
        float[] gradients = Gradients(p, seed: 3);
        float[] m1 = Gradients(p, seed: 4), m2 = (float[])m1.Clone();
        float[] v1 = Gradients(p, seed: 5).Select(x => x * x).ToArray(), v2 = (float[])v1.Clone();
        var step = new AdamStep(0.9f, 0.999f, 1e-8f, stepSize: 0.01f, biasCorrection2Sqrt: 0.3f, weightDecay: 0.01f, decoupledDecayFactor: 0.999f, l1: 0.0001f);

        AdamUpdate.Apply(whole.Parameters, gradients, m1, v1, step);
        foreach ((int start, int length) in Ranges(p))
        {
            AdamUpdate.Apply(pieces.Parameters.Slice(start, length), gradients.AsSpan(start, length), m2.AsSpan(start, length), v2.AsSpan(start, length), step);
        }

        Assert.Equal(TrainingTests.Bits(whole.Parameters), TrainingTests.Bits(pieces.Parameters));
        Assert.Equal(TrainingTests.Bits(m1), TrainingTests.Bits(m2));
        Assert.Equal(TrainingTests.Bits(v1), TrainingTests.Bits(v2));
    }

    [Fact]
    public void HooksRejectPartsAndRangesOutsideTheNetwork()
    {
        IRowSplitTrainableNetwork net = new OddWideNet(1);
        net.EnsureBatchCapacity(8);
        (float[] inputs, float[] targets) = Batch(net, 8, seed: 1);
        var gradients = new float[net.ParameterCount];
        float[] before = net.Parameters.ToArray();

        Assert.Throws<ArgumentOutOfRangeException>("part", () => net.ComputeGradientRows(inputs, 8, 2, 2, gradients, null));
        Assert.Throws<ArgumentOutOfRangeException>("parts", () => net.ComputeGradientRows(inputs, 8, 0, 0, gradients, null));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => net.LossOfBatch(targets, 9, out _));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => net.ForwardBackward(inputs, targets, 4, 5, 1f));
        Assert.Throws<ArgumentOutOfRangeException>("part", () => net.ForwardFirstLayer(inputs, 8, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => net.ForwardFirstLayer(inputs, 9, 0, 1));
        Assert.Throws<ArgumentException>("inputs", () => net.ForwardFirstLayer(inputs.AsSpan(1), 8, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => net.ForwardBackwardAboveFirstLayer(targets, 4, 5, 1f));
        Assert.Throws<ArgumentOutOfRangeException>("start", () => net.ForwardBackwardAboveFirstLayer(targets, 8, 1, 1f));
        Assert.Throws<ArgumentException>("targets", () => net.ForwardBackwardAboveFirstLayer(targets.AsSpan(1), 4, 4, 1f));
        float[] losses = new float[4], scores = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>("count", () => net.SampleLosses(targets, 6, 4, losses, scores));
        Assert.Throws<ArgumentException>("losses", () => net.SampleLosses(targets, 0, 4, losses.AsSpan(1), scores));
        Assert.Throws<ArgumentException>("scores", () => net.SampleLosses(targets, 0, 4, losses, new float[5]));
        Assert.Equal(new float[4], losses);
        Assert.Throws<ArgumentException>("parameters", () => SgdUpdate.Apply(net.Parameters.Slice(1), gradients, Span<float>.Empty, new SgdStep(0.1f, 0f, 0f, false, 0f, 0f, true)));
        Assert.Throws<ArgumentException>("velocity", () => SgdUpdate.Apply(net.Parameters.Slice(0, 1), gradients.AsSpan(0, 1), new float[3], new SgdStep(0.1f, 0.9f, 0f, false, 0f, 0f, true)));
        Assert.Throws<ArgumentException>("m", () => AdamUpdate.Apply(net.Parameters.Slice(0, 2), gradients.AsSpan(0, 2), new float[3], new float[2], default));
        Assert.Equal(TrainingTests.Bits(before), TrainingTests.Bits(net.Parameters));
        Assert.Equal(new float[net.ParameterCount], gradients);
    }

    /// <summary>The parameter vector cut at odd places, so ranges end inside SIMD vectors.</summary>
    private static (int Start, int Length)[] Ranges(int p) => new[] { (0, 13), (13, 300), (313, 1), (314, p - 314 - 5), (p - 5, 5), (p, 0) };

    private static float[] Gradients(int p, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, p).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }
}
