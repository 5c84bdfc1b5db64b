using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Without gradient clipping the trainer runs the optimizer step inside the gradient pass, tile by tile
/// (IParameterRangeUpdate); with it, after the whole gradient and its norm. Both must give the same bits,
/// every parameter must be handed over exactly once with its finished gradient, and a non-finite gradient
/// must still stop training.
/// </summary>
public class FusedStepTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string optimizer in new[] { "sgd", "nesterov", "adam", "adamw" })
        {
            data.Add(optimizer, 1);
            data.Add(optimizer, 2);
        }
        return data;
    }

    private static Optimizer Create(string optimizer) => optimizer switch
    {
        "sgd" => Optimizer.Sgd(0.05f),
        "nesterov" => Optimizer.Sgd(0.05f, momentum: 0.9f, nesterov: true, weightDecay: 0.001f),
        "adam" => Optimizer.Adam(0.01f),
        _ => Optimizer.AdamW(0.01f, weightDecay: 0.05f),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedStepGivesTheBitsOfTheSeparateStep(string optimizer, int threads)
    {
        Assert.True(64L * WideNet.ParameterCount >= Trainer.ParallelMinimumWork, "with two threads the batches below must be shared");
        // 310 rows: the last batch of each epoch (54) is not a multiple of four.
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(WideNet.InputSize, WideNet.OutputSize, 310, seed: 8);
        int[] Run(float maxGradientNorm)
        {
            var net = new WideNet(4);
            net.Train(inputs, labels, new TrainingOptions
            {
                Epochs = 2, BatchSize = 64, Optimizer = Create(optimizer), L1 = optimizer == "adamw" ? 1e-4f : 0f, Seed = 3,
                MaxGradientNorm = maxGradientNorm, MaxDegreeOfParallelism = threads,
            });
            return TrainingTests.Bits(net.Parameters);
        }

        int[] fused = Run(0f);
        // A norm limit no gradient reaches takes the separate path (whole gradient, norm, one update) and scales nothing.
        Assert.Equal(Run(1e30f), fused);
        Assert.NotEqual(TrainingTests.Bits(new WideNet(4).Parameters), fused);
    }

    [Theory]
    [InlineData(nameof(WideNet), 64)]
    [InlineData(nameof(OddWideNet), 37)]
    [InlineData(nameof(DeepSoftmax), 37)]
    public void GradientPassHandsEveryParameterOverOnceWithItsFinishedGradient(string name, int count)
    {
        IParallelTrainableNetwork Net() => name switch
        {
            nameof(WideNet) => new WideNet(2),
            nameof(OddWideNet) => new OddWideNet(2),
            _ => new DeepSoftmax(2),
        };
        IParallelTrainableNetwork reference = Net();
        reference.EnsureBatchCapacity(count);
        var random = new Random(count);
        float[] inputs = Enumerable.Range(0, count * reference.InputSize).Select(_ => (float)random.NextDouble() * 2f - 1f).ToArray();
        float[] targets = new float[count * reference.OutputSize];
        for (int s = 0; s < count; s++) targets[s * reference.OutputSize + random.Next(reference.OutputSize)] = 1f;
        var expected = new float[reference.ParameterCount];
        reference.AccumulateSlice(inputs, targets, 0, count, 1f / count, expected, training: true, out _);

        for (int parts = 1; parts <= 3; parts++)
        {
            IParallelTrainableNetwork net = Net();
            net.EnsureBatchCapacity(count);
            net.ForwardBackward(inputs, targets, 0, count, 1f / count);
            float[] gradients = Enumerable.Repeat(7f, net.ParameterCount).ToArray();  // stale values: the pass must set, not add
            var recorder = new Recorder(net.ParameterCount);
            for (int k = 0; k < parts; k++) net.ComputeGradientRows(inputs, count, k, parts, gradients, recorder);

            Assert.All(recorder.Times, times => Assert.Equal(1, times));
            Assert.Equal(TrainingTests.Bits(expected), TrainingTests.Bits(recorder.Seen));
            Assert.Equal(TrainingTests.Bits(expected), TrainingTests.Bits(gradients));
        }
    }

    [Theory]
    [InlineData(nameof(WideNet), 64)]
    [InlineData(nameof(OddWideNet), 37)]
    [InlineData(nameof(DeepSoftmax), 37)]
    public void PlainSgdStepTakenInTheGradientPassGivesTheBitsOfTheSeparateStep(string name, int count)
    {
        const float rate = 0.05f;
        (IParallelTrainableNetwork reference, float[] inputs, float[] targets) = Batch(name, count);
        var gradients = new float[reference.ParameterCount];
        reference.AccumulateSlice(inputs, targets, 0, count, 1f / count, gradients, training: true, out _);
        float[] expected = reference.Parameters.ToArray();
        for (int i = 0; i < expected.Length; i++) expected[i] -= rate * gradients[i];  // ApplySgd's plain step, one at a time

        for (int parts = 1; parts <= 3; parts++)
        {
            (IParallelTrainableNetwork net, _, _) = Batch(name, count);
            net.ForwardBackward(inputs, targets, 0, count, 1f / count);
            var sink = new PlainSgdSink(net, rate);
            for (int k = 0; k < parts; k++) net.ComputeGradientRows(inputs, count, k, parts, new float[net.ParameterCount], sink);

            Assert.Equal(TrainingTests.Bits(expected), TrainingTests.Bits(net.Parameters.ToArray()));
            Assert.Equal(0, sink.Reported);
            // The kernels stepped the weight rows they sum themselves (every layer from KernelThreshold inputs); the
            // rest — biases, the narrow layers' weights — came through Apply, each exactly once.
            Assert.All(sink.Times, times => Assert.InRange(times, 0, 1));
            int stepped = sink.Times.Count(times => times == 0);
            Assert.True(stepped >= net.ParameterCount / 2, $"only {stepped} of {net.ParameterCount} parameters stepped in the kernels");
        }
    }

    [Theory]
    [InlineData(nameof(WideNet), 64)]
    [InlineData(nameof(OddWideNet), 37)]
    [InlineData(nameof(DeepSoftmax), 37)]
    public void PlainSgdStepTakenInTheGradientPassReportsNonFiniteGradients(string name, int count)
    {
        (IParallelTrainableNetwork net, float[] inputs, float[] targets) = Batch(name, count);
        int columns = net.InputSize;
        // One input of the last sample becomes NaN or ∞ after the forward pass: only layer 1's weight gradients (that
        // column's) see it, in whichever kernel step covers that column — the first, a middle and the last one.
        foreach (int column in new[] { 0, columns / 2, columns - 1 })
        {
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity })
            {
                net.ForwardBackward(inputs, targets, 0, count, 1f / count);
                float[] corrupted = (float[])inputs.Clone();
                corrupted[(count - 1) * columns + column] = bad;
                var sink = new PlainSgdSink(net, 1e-3f);
                net.ComputeGradientRows(corrupted, count, 0, 1, new float[net.ParameterCount], sink);
                Assert.All(sink.Times.Take(columns), times => Assert.Equal(0, times));  // W1's row 0 was stepped in a kernel,
                Assert.True(sink.Reported > 0, $"{bad} at input column {column}: not reported");  // so only the kernel can tell
            }
        }
    }

    private static (IParallelTrainableNetwork Net, float[] Inputs, float[] Targets) Batch(string name, int count)
    {
        IParallelTrainableNetwork net = name switch
        {
            nameof(WideNet) => new WideNet(2),
            nameof(OddWideNet) => new OddWideNet(2),
            _ => new DeepSoftmax(2),
        };
        net.EnsureBatchCapacity(count);
        var random = new Random(count);
        float[] inputs = Enumerable.Range(0, count * net.InputSize).Select(_ => (float)random.NextDouble() * 2f - 1f).ToArray();
        float[] targets = new float[count * net.OutputSize];
        for (int s = 0; s < count; s++) targets[s * net.OutputSize + random.Next(net.OutputSize)] = 1f;
        return (net, inputs, targets);
    }

    [Fact]
    public void RangeUpdateFlagsNonFiniteGradientsUntilTheNextStep()
    {
        var net = new OddWideNet(1);
        var gradients = new float[OddWideNet.ParameterCount];
        var update = new ParameterUpdate(net, Optimizer.Sgd(0.1f), 0f, gradients, Array.Empty<float>(), Array.Empty<float>());
        IParameterRangeUpdate sink = update;
        update.Prepare(0.1f, 1);
        sink.Apply(0, gradients.AsSpan(0, 100));
        Assert.False(update.SawNonFiniteGradient);

        gradients[150] = float.PositiveInfinity;
        sink.Apply(100, gradients.AsSpan(100, 100));
        Assert.True(update.SawNonFiniteGradient);
        sink.Apply(200, gradients.AsSpan(200, 10));  // a later finite range does not clear it
        Assert.True(update.SawNonFiniteGradient);

        update.Prepare(0.1f, 2);
        Assert.False(update.SawNonFiniteGradient);
        gradients[150] = float.NaN;
        sink.Apply(150, gradients.AsSpan(150, 1));
        Assert.True(update.SawNonFiniteGradient);

        // Large finite gradients whose sum overflows are finite, however the range is cut or where it ends in a SIMD vector.
        update.Prepare(1e-40f, 3);
        gradients.AsSpan().Fill(3e38f);
        for (int length = 1; length <= 70; length++) sink.Apply(0, gradients.AsSpan(0, length));
        Assert.False(update.SawNonFiniteGradient);
        for (int at = 0; at < 70; at++)
        {
            update.Prepare(1e-40f, 4);
            gradients[at] = at % 2 == 0 ? float.NegativeInfinity : float.NaN;
            sink.Apply(0, gradients.AsSpan(0, 70));
            Assert.True(update.SawNonFiniteGradient, $"non-finite value at {at} of 70 not seen");
            gradients[at] = 3e38f;
        }
    }

    /// <summary>Keeps what each handed-over range held and counts how often each parameter came.</summary>
    private sealed class Recorder(int parameters) : IParameterRangeUpdate
    {
        public float[] Seen { get; } = new float[parameters];
        public int[] Times { get; } = new int[parameters];

        public void Apply(int start, ReadOnlySpan<float> gradients)
        {
            gradients.CopyTo(Seen.AsSpan(start));
            for (int i = 0; i < gradients.Length; i++) Times[start + i]++;
        }

        public float PlainSgdLearningRate => 0f;  // every range is handed over

        public void ReportNonFinite() => throw new InvalidOperationException("only a pass that takes the step itself reports");
    }
}
