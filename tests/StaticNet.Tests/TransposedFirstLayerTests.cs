using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using StaticNet.Kernels;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Predict's transposed copy of a long first layer (TransposedWeights): the kernel and the transpose against the
/// definition, and the contract of the copy on generated networks — it is used once built, agrees with the
/// reference, and every route that changes the parameters (training, each loader, a gradient check, the Parameters
/// span) is seen by the very next Predict and PredictBatch; reads do not drop it; it is rebuilt without allocating, and
/// threads agree.
/// </summary>
public class TransposedFirstLayerTests
{
    [Theory]
    [InlineData(1, 64)]
    [InlineData(7, 128)]
    [InlineData(300, 128)]
    [InlineData(261, 64)]
    [InlineData(33, 256)]
    [InlineData(17, 192)]
    [InlineData(20, 48)]    // 48 rows: panels of 16 on AVX2; with AVX-512 no vector kernel (not in blocks of 32), the term-by-term sums
    [InlineData(20, 32)]    // 32 rows: panels of 16 on AVX2, of 32 with AVX-512 (no one-sample kernel: one block of 32 outputs)
    [InlineData(9, 96)]     // 96 rows: panels of 16 on AVX2, of 32 with AVX-512
    [InlineData(20, 40)]    // 40 rows: no vector kernel anywhere, the term-by-term sums
    public void ForwardTransposedIsTheLayerOfTheTransposedWeights(int inputs, int rows)
    {
        var random = new Random(inputs * 31 + rows);
        float[] w = Values(random, inputs * rows), b = Values(random, rows), x = Values(random, inputs);
        var wT = new float[w.Length];
        TransposedWeights.Transpose(w, wT, inputs, rows);
        int panel = TransposedWeights.PanelWidth(rows);  // the outputs one pass of the kernel takes on this machine
        for (int j = 0; j < rows; j++)
        {
            for (int i = 0; i < inputs; i++) Assert.Equal(w[j * inputs + i], wT[(j / panel) * panel * inputs + i * panel + j % panel]);
        }
        var z = new float[rows];
        Dense.ForwardTransposed(wT, b, x, inputs, z, rows, 1);
        for (int j = 0; j < rows; j++)
        {
            double expected = b[j];
            for (int i = 0; i < inputs; i++) expected += (double)w[j * inputs + i] * x[i];
            Assert.True(Math.Abs(z[j] - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"row {j}: {z[j]} vs {expected}");
        }
    }

    [Theory]
    [InlineData(300, 128, 1)]
    [InlineData(300, 128, 2)]
    [InlineData(261, 64, 3)]
    [InlineData(261, 64, 5)]
    [InlineData(33, 256, 6)]
    [InlineData(17, 192, 7)]
    [InlineData(513, 128, 13)]  // two blocks of six and one sample over
    [InlineData(784, 128, 64)]  // PredictBatch's chunk of 784-128-10
    [InlineData(300, 128, 8)]   // a block of six and a pair
    [InlineData(261, 64, 11)]   // six, four and one
    [InlineData(20, 48, 4)]     // 48 rows: panels of 16 on AVX2, the term-by-term sums with AVX-512
    [InlineData(64, 32, 64)]    // PredictBatch's chunk of 64-32-10: panels of 32 with AVX-512, eight blocks of eight samples
    [InlineData(37, 96, 15)]    // panels of 32 with AVX-512: eight, four, two and one samples per block
    [InlineData(5, 192, 14)]    // panels of 16 with AVX-512 too (its one-sample kernel's): a block of 32 outputs spans two panels
    [InlineData(128, 256, 23)]  // panels of 128 with AVX-512: four blocks of 32 outputs in each
    [InlineData(20, 40, 5)]     // no vector kernel for 40 rows anywhere
    public void ForwardTransposedOfABatchIsEachSamplesLayer(int inputs, int rows, int count)
    {
        var random = new Random(inputs * 7 + rows * 3 + count);
        int inputStride = inputs + 3, zStride = rows + 5;  // rows of a wider scratch, as the generated code passes them
        float[] w = Values(random, inputs * rows), b = Values(random, rows), x = Values(random, inputStride * count);
        var wT = new float[w.Length];
        TransposedWeights.Transpose(w, wT, inputs, rows);
        var z = new float[zStride * count];
        Array.Fill(z, float.NaN);
        Dense.ForwardTransposed(wT, b, x, inputStride, z, zStride, count);
        for (int s = 0; s < count; s++)
        {
            for (int j = 0; j < rows; j++)
            {
                double expected = b[j];
                for (int i = 0; i < inputs; i++) expected += (double)w[j * inputs + i] * x[s * inputStride + i];
                float actual = z[s * zStride + j];
                Assert.True(Math.Abs(actual - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"sample {s}, row {j}: {actual} vs {expected}");
            }
            for (int j = rows; j < zStride && s < count - 1; j++) Assert.True(float.IsNaN(z[s * zStride + j]), $"sample {s} wrote past its row at {j}");
        }
    }

    [Fact]
    public void ForwardTransposedAndTransposeRejectSpansThatDoNotFit()
    {
        Assert.Throws<ArgumentException>(() => Dense.ForwardTransposed(new float[64 * 3 - 1], new float[64], new float[3], 3, new float[64], 64, 1));
        Assert.Throws<ArgumentException>(() => Dense.ForwardTransposed(new float[64 * 3], new float[64], new float[3], 3, new float[63], 64, 1));
        Assert.Throws<ArgumentException>(() => Dense.ForwardTransposed(new float[64 * 3], new float[64], new float[5], 3, new float[128], 64, 2));  // two samples need 6 inputs
        Assert.Throws<ArgumentException>(() => Dense.ForwardTransposed(new float[64 * 3], new float[64], new float[6], 3, new float[127], 64, 2));
        Assert.Throws<ArgumentException>(() => TransposedWeights.Transpose(new float[12], new float[11], 3, 4));
        Assert.Throws<ArgumentException>(() => TransposedWeights.Transpose(new float[11], new float[12], 3, 4));
    }

    public static TheoryData<string> Networks => new() { nameof(TransposedNet), nameof(TransposedDropoutNet) };

    [Theory]
    [MemberData(nameof(Networks))]
    public void TheCopyIsBuiltAfterItsStalePredictionsAndAgreesWithTheReference(string name)
    {
        Type type = NetworkCatalog.Find(name);
        var net = NetworkCatalog.Create(type, 5);
        var reference = new ReferenceMlp(type);
        TransposedWeights copy = CopyOf(net);
        Assert.True(copy.IsSupported, "this host runs 256-bit vectors, so the copy serves Predict");
        float[] x = Values(new Random(1), reference.InputSize), y = new float[reference.OutputSize];
        for (int i = 0; i < TransposedWeights.RebuildAfter - 1; i++) net.Predict(x, y);
        Assert.False(copy.IsCurrent(Gate(net)));   // not yet: a rebuild waits for RebuildAfter predictions at one version
        net.Predict(x, y);
        Assert.True(copy.IsCurrent(Gate(net)));
        for (int trial = 0; trial < 5; trial++)
        {
            x = Values(new Random(trial + 10), reference.InputSize);
            net.Predict(x, y);
            AssertNear(reference.Forward(ReferenceMlp.ToDouble(Memory(net)), ReferenceMlp.ToDouble(x)), y);
            Assert.Equal(Metrics.ArgMax(y), net.Classify(x));
        }
        Assert.True(copy.IsCurrent(Gate(net)));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictBatchAndClassifyBatchFromTheCopyAgreeWithTheReferenceAtEveryCount(string name)
    {
        Type type = NetworkCatalog.Find(name);
        var net = NetworkCatalog.Create(type, 24);
        var reference = new ReferenceMlp(type);
        TransposedWeights copy = Warm(net);
        double[] p = ReferenceMlp.ToDouble(Memory(net));
        foreach (int n in new[] { 1, 2, 3, 5, 6, 7, 12, 13, 64, 70 })  // blocks of six, pairs and a single; a chunk of 64 and a ragged one
        {
            float[] inputs = Values(new Random(n), n * reference.InputSize);
            var outputs = new float[n * reference.OutputSize];
            var classes = new int[n];
            net.PredictBatch(inputs, outputs);
            net.ClassifyBatch(inputs, classes);
            for (int s = 0; s < n; s++)
            {
                float[] x = inputs.AsSpan(s * reference.InputSize, reference.InputSize).ToArray();
                float[] row = outputs.AsSpan(s * reference.OutputSize, reference.OutputSize).ToArray();
                AssertNear(reference.Forward(p, ReferenceMlp.ToDouble(x)), row);
                Assert.Equal(Metrics.ArgMax(row), classes[s]);
            }
        }
        Assert.True(copy.IsCurrent(Gate(net)));
    }

    /// <summary>
    /// A first layer too short for the one-sample copy but in whole batch blocks (64-32-10, 128-256-10): the copy serves
    /// batches wherever this machine has a block kernel for its outputs, Predict never builds or reads it, batches build
    /// it and agree with the reference at every count, and a training step is seen by the next batch.
    /// </summary>
    [Theory]
    [InlineData("DigitsNet")]
    [InlineData("WideNet")]
    public void ABatchOnlyCopyServesBatchesWhereABlockKernelDoesAndNeverPredict(string name)
    {
        Type type = NetworkCatalog.Find(name);
        var net = NetworkCatalog.Create(type, 26);
        var reference = new ReferenceMlp(type);
        TransposedWeights copy = CopyOf(net);
        int rows = reference.Sizes[1];
        bool blocks = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? rows % 32 == 0 : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated && rows % 16 == 0;
        Assert.False(copy.ServesOneSample);
        Assert.Equal(blocks, copy.ServesBatches);
        Assert.Equal(blocks, copy.IsSupported);  // no storage where nothing reads it
        float[] x = Values(new Random(27), reference.InputSize), y = new float[reference.OutputSize];
        for (int i = 0; i <= TransposedWeights.RebuildAfter; i++) net.Predict(x, y);
        Assert.False(copy.IsCurrent(Gate(net)));
        float[] inputs = Values(new Random(28), 15 * reference.InputSize);
        var outputs = new float[15 * reference.OutputSize];
        for (int i = 0; i <= TransposedWeights.RebuildAfter; i++) net.PredictBatch(inputs, outputs);
        Assert.Equal(blocks, copy.IsCurrent(Gate(net)));
        for (int round = 0; round < 2; round++)
        {
            double[] p = ReferenceMlp.ToDouble(Memory(net));
            foreach (int n in new[] { 1, 2, 6, 7, 13, 15 })
            {
                net.PredictBatch(inputs.AsSpan(0, n * reference.InputSize), outputs.AsSpan(0, n * reference.OutputSize));
                for (int s = 0; s < n; s++)
                {
                    AssertNear(reference.Forward(p, ReferenceMlp.ToDouble(inputs.AsSpan(s * reference.InputSize, reference.InputSize).ToArray())),
                        outputs.AsSpan(s * reference.OutputSize, reference.OutputSize).ToArray());
                }
            }
            var target = new float[reference.OutputSize];
            target[round] = 1f;
            net.TrainStep(x, target, 0.5f);  // the next round's batches must see it
        }
    }

    /// <summary>The stale count weighs a batch by its rows: RebuildAfter rows in a few batches rebuild the copy where batches read it.</summary>
    [Fact]
    public void BatchesCountTheirRowsTowardARebuild()
    {
        var net = new TransposedNet(29);
        TransposedWeights copy = Warm(net);
        net.TrainStep(Values(new Random(30), TransposedNet.InputSize), OneHot(1), 0.1f);  // stale
        const int Rows = 64;
        float[] inputs = Values(new Random(31), Rows * TransposedNet.InputSize);
        var outputs = new float[Rows * TransposedNet.OutputSize];
        for (int i = 0; i < TransposedWeights.RebuildAfter / Rows - 1; i++) net.PredictBatch(inputs, outputs);
        Assert.False(copy.IsCurrent(Gate(net)));  // 192 rows so far
        net.PredictBatch(inputs, outputs);        // 256: four calls, not 256
        Assert.Equal(copy.ServesBatches, copy.IsCurrent(Gate(net)));
    }

    [Fact]
    public void ChangesMoreOftenThanRebuildAfterPredictionsNeverPayForARebuild()
    {
        var net = new TransposedNet(22);
        TransposedWeights copy = CopyOf(net);
        float[] x = Values(new Random(23), TransposedNet.InputSize), y = new float[TransposedNet.OutputSize];
        for (int round = 0; round < 4; round++)
        {
            for (int i = 0; i < TransposedWeights.RebuildAfter - 1; i++) net.Predict(x, y);
            Assert.False(copy.IsCurrent(Gate(net)));  // no rebuild: the count of stale predictions started again at this version
            net.TrainStep(x, OneHot(round), 0.01f);  // a new version before the count reaches RebuildAfter
        }
        for (int i = 0; i < TransposedWeights.RebuildAfter - 1; i++) net.Predict(x, y);
        Assert.False(copy.IsCurrent(Gate(net)));
        net.Predict(x, y);
        Assert.True(copy.IsCurrent(Gate(net)));
    }

    [Fact]
    public void TrainStepIsSeenByTheNextPredict()
        => AfterEachChange(net => net.TrainStep(Values(new Random(2), TransposedNet.InputSize), OneHot(3), 0.5f));

    [Fact]
    public void TrainIsSeenByTheNextPredict()
        => AfterEachChange(net => net.Train(Values(new Random(3), 4 * TransposedNet.InputSize), Enumerable.Range(0, 4).SelectMany(c => OneHot(c)).ToArray(),
            new TrainingOptions { Epochs = 2, BatchSize = 2, Optimizer = Optimizer.Sgd(0.5f), MaxDegreeOfParallelism = 1 }));

    [Fact]
    public void EachLoaderIsSeenByTheNextPredict()
    {
        var other = new TransposedNet(99);
        var model = new MemoryStream(); other.Save(model);
        var tensors = new MemoryStream(); other.SaveSafetensors(tensors);
        AfterEachChange(net => { model.Position = 0; net.Load(model); });
        AfterEachChange(net => { tensors.Position = 0; net.LoadSafetensors(tensors); });
        var trained = new TransposedNet(98);
        trained.Train(Values(new Random(4), 2 * TransposedNet.InputSize), OneHot(1).Concat(OneHot(4)).ToArray(),
            new TrainingOptions { Epochs = 1, BatchSize = 2, MaxDegreeOfParallelism = 1 });
        var checkpoint = new MemoryStream(); trained.SaveCheckpoint(checkpoint);
        AfterEachChange(net => { checkpoint.Position = 0; net.LoadCheckpoint(checkpoint); });
    }

    [Fact]
    public void AGradientCheckPuttingTheParametersBackMovesTheVersion()
    {
        var net = new TransposedNet(6);
        TransposedWeights copy = Warm(net);
        GradientCheck.Run(net, Values(new Random(7), TransposedNet.InputSize), OneHot(2), maxPerTensor: 3);
        Assert.False(copy.IsCurrent(Gate(net)));
        AssertPredictsItsParameters(net);
    }

    [Fact]
    public void TakingTheParametersSpanGivesTheCopyUpForGoodAndEveryWriteThroughItIsSeen()
    {
        var net = new TransposedNet(8);
        TransposedWeights copy = Warm(net);
        Span<float> parameters = net.Parameters;
        Assert.True(copy.IsExposed);
        Assert.False(copy.IsCurrent(Gate(net)));
        var x = Values(new Random(9), TransposedNet.InputSize);
        var y = new float[TransposedNet.OutputSize];
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 2 * TransposedWeights.RebuildAfter; i++) net.Predict(x, y);
            parameters[round * 1000 + 17] += 3f;   // a write through the span held since before these predictions
            AssertPredictsItsParameters(net);
            Assert.False(copy.IsCurrent(Gate(net)));
        }
    }

    [Fact]
    public void ReadsLeaveTheCopyCurrent()
    {
        var net = new TransposedNet(10);
        TransposedWeights copy = Warm(net);
        net.Save(new MemoryStream());
        net.SaveSafetensors(new MemoryStream());
        net.ExportOnnx(new MemoryStream());
        net.Evaluate(Values(new Random(11), 3 * TransposedNet.InputSize), new[] { 0, 1, 2 });
        net.PredictBatch(Values(new Random(12), 5 * TransposedNet.InputSize), new float[5 * TransposedNet.OutputSize]);
        Assert.True(copy.IsCurrent(Gate(net)));
        Assert.False(copy.IsExposed);
    }

    [Fact]
    public void PredictFromTrainsProgressCallbackSeesEachEpochsParameters()
    {
        var net = new TransposedNet(13);
        Warm(net);
        float[] x = Values(new Random(14), TransposedNet.InputSize);
        int checkedEpochs = 0;
        var progress = new Inline(_ =>
        {
            AssertPredictsItsParameters(net, x);
            checkedEpochs++;
        });
        net.Train(Values(new Random(15), 4 * TransposedNet.InputSize), Enumerable.Range(0, 4).SelectMany(c => OneHot(c)).ToArray(),
            new TrainingOptions { Epochs = 3, BatchSize = 2, Optimizer = Optimizer.Sgd(0.5f), MaxDegreeOfParallelism = 1, Progress = progress });
        Assert.Equal(3, checkedEpochs);
        AssertPredictsItsParameters(net, x);
    }

    [Fact]
    public void RebuildingAndUsingTheCopyAllocatesNothing()
    {
        var net = new TransposedNet(16);
        float[] x = Values(new Random(17), TransposedNet.InputSize), y = new float[TransposedNet.OutputSize];
        float[] batch = Values(new Random(25), 13 * TransposedNet.InputSize), outputs = new float[13 * TransposedNet.OutputSize];
        net.Predict(x, y);  // compiled
        net.PredictBatch(batch, outputs);
        net.TrainStep(x, OneHot(0), 0.1f);  // stale
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < TransposedWeights.RebuildAfter + 20; i++) net.Predict(x, y);
        net.PredictBatch(batch, outputs);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(CopyOf(net).IsCurrent(Gate(net)));
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void ThreadsPredictingWhileTheCopyIsRebuiltAgreeWithTheReference()
    {
        var net = new TransposedNet(18);
        var reference = new ReferenceMlp(typeof(TransposedNet));
        net.TrainStep(Values(new Random(19), TransposedNet.InputSize), OneHot(5), 0.1f);
        double[] p = ReferenceMlp.ToDouble(Memory(net));
        var inputs = Enumerable.Range(0, 8).Select(i => Values(new Random(100 + i), TransposedNet.InputSize)).ToArray();
        var expected = inputs.Select(x => reference.Forward(p, ReferenceMlp.ToDouble(x))).ToArray();
        float[] batch = inputs.SelectMany(x => x).ToArray();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var y = new float[TransposedNet.OutputSize];
            var rows = new float[inputs.Length * TransposedNet.OutputSize];
            for (int i = 0; i < 3 * TransposedWeights.RebuildAfter; i++)
            {
                int k = (t + i) % inputs.Length;
                net.Predict(inputs[k], y);
                AssertNear(expected[k], y);
                if (i % 32 != t) continue;
                net.PredictBatch(batch, rows);  // a batch now and then, from the copy or beside its rebuild
                for (int s = 0; s < inputs.Length; s++) AssertNear(expected[s], rows.AsSpan(s * TransposedNet.OutputSize, TransposedNet.OutputSize).ToArray());
            }
        });
        Assert.True(CopyOf(net).IsCurrent(Gate(net)));
    }

    /// <summary>Warms the copy, applies <paramref name="change"/>, and checks the next Predict (and the rebuilt copy) see the new parameters.</summary>
    private static void AfterEachChange(Action<TransposedNet> change)
    {
        var net = new TransposedNet(20);
        TransposedWeights copy = Warm(net);
        float[] before = Memory(net).ToArray();
        change(net);
        Assert.NotEqual(before, Memory(net).ToArray());
        Assert.False(copy.IsCurrent(Gate(net)));
        AssertPredictsItsParameters(net);
        Warm(net);
        AssertPredictsItsParameters(net);
        Assert.False(copy.IsExposed);
    }

    private static TransposedWeights Warm(ITestNetwork net)
    {
        TransposedWeights copy = CopyOf(net);
        var x = new float[net is TransposedNet ? TransposedNet.InputSize : TransposedDropoutNet.InputSize];
        var y = new float[net is TransposedNet ? TransposedNet.OutputSize : TransposedDropoutNet.OutputSize];
        for (int i = 0; i < TransposedWeights.RebuildAfter; i++) net.Predict(x, y);
        Assert.True(copy.IsCurrent(Gate(net)));
        return copy;
    }

    /// <summary>Predict of x, and PredictBatch of seven rows with x among them, give the network's parameters' outputs.</summary>
    private static void AssertPredictsItsParameters(TransposedNet net, float[]? x = null)
    {
        x ??= Values(new Random(21), TransposedNet.InputSize);
        var reference = new ReferenceMlp(typeof(TransposedNet));
        double[] p = ReferenceMlp.ToDouble(Memory(net));
        var y = new float[TransposedNet.OutputSize];
        net.Predict(x, y);
        AssertNear(reference.Forward(p, ReferenceMlp.ToDouble(x)), y);
        const int Rows = 7;
        float[] batch = Values(new Random(22), Rows * TransposedNet.InputSize);
        x.CopyTo(batch, 3 * TransposedNet.InputSize);
        var outputs = new float[Rows * TransposedNet.OutputSize];
        net.PredictBatch(batch, outputs);
        for (int s = 0; s < Rows; s++)
        {
            AssertNear(reference.Forward(p, ReferenceMlp.ToDouble(batch.AsSpan(s * TransposedNet.InputSize, TransposedNet.InputSize).ToArray())),
                outputs.AsSpan(s * TransposedNet.OutputSize, TransposedNet.OutputSize).ToArray());
        }
    }

    private static void AssertNear(double[] expected, float[] actual)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(actual[k] - expected[k]) <= 1e-5 + 1e-4 * Math.Abs(expected[k]), $"output {k}: {actual[k]} vs {expected[k]}");
        }
    }

    private static TransposedWeights CopyOf(object net)
        => (TransposedWeights)net.GetType().GetField("_w1Transposed", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(net)!;

    private static TrainingGate Gate(object net) => ((ITrainableNetwork)net).Gate;

    /// <summary>The parameters as the library reads them: without taking the public span, which would give the copy up.</summary>
    private static Span<float> Memory(object net) => ((ITrainableNetwork)net).ParameterMemory;

    private static float[] OneHot(int k)
    {
        var t = new float[TransposedNet.OutputSize];
        t[k] = 1f;
        return t;
    }

    private static float[] Values(Random random, int n) => Enumerable.Range(0, n).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();

    private sealed class Inline(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
