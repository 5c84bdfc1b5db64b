using System;
using System.Linq;
using System.Reflection;
using StaticNet.Kernels;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The transposed kernels do not read the weight rows of inputs that are exactly 0 — one sample's, and a batch's where
/// the input is 0 in every sample of a block (RowRuns): they give the layer of the inputs that are not, a batch's
/// samples the same bits as each sample's own pass; a NaN input still reaches every output, and no copy is built of weights with a NaN or ∞, whose 0·∞ the skip would drop: such a network predicts as
/// one without a copy does.
/// </summary>
public class TransposedZeroInputsTests
{
    [Theory]
    [InlineData(784, 128)]  // 784-128-10's first layer: 49 groups of 16 inputs
    [InlineData(300, 128)]  // 12 inputs after the last group of 16
    [InlineData(33, 256)]   // two panels of 128; one input after the groups
    [InlineData(261, 64)]   // the 256-bit kernel (64 rows), also where AVX-512 runs
    [InlineData(7, 128)]    // no whole group: the inputs one by one
    [InlineData(20, 40)]    // no vector kernel anywhere: the term-by-term sums
    public void AZeroInputsRowIsNotReadAndTheRestIsTheLayer(int inputs, int rows)
    {
        var random = new Random(inputs + rows);
        float[] x = SparseInputs(random, inputs);
        float[] w = Values(random, inputs * rows), b = Values(random, rows);
        float[] finite = (float[])w.Clone();
        for (int i = 0; i < inputs; i++)
        {
            if (x[i] != 0 || !Skipped(x, i)) continue;
            for (int j = 0; j < rows; j++) w[j * inputs + i] = (i + j) % 2 == 0 ? float.NaN : float.PositiveInfinity;  // a row read would show
        }
        float[] z = OneSample(w, b, x, inputs, rows);
        for (int j = 0; j < rows; j++)
        {
            double expected = b[j];
            for (int i = 0; i < inputs; i++) if (x[i] != 0) expected += (double)w[j * inputs + i] * x[i];
            Assert.True(Math.Abs(z[j] - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"row {j}: {z[j]} vs {expected}");
        }

        // With finite weights, skipping changes no bit: a batch of two copies of x reads every row, in the same order.
        float[] one = OneSample(finite, b, x, inputs, rows);
        var wT = new float[finite.Length];
        TransposedWeights.Transpose(finite, wT, inputs, rows);
        var batch = new float[2 * rows];
        Dense.ForwardTransposed(wT, b, x.Concat(x).ToArray(), inputs, batch, rows, 2);
        for (int j = 0; j < rows; j++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(batch[j]), BitConverter.SingleToInt32Bits(one[j]));
            Assert.Equal(BitConverter.SingleToInt32Bits(batch[rows + j]), BitConverter.SingleToInt32Bits(one[j]));
        }
    }

    [Theory]
    [InlineData(784, 128, 64)]  // PredictBatch's chunk of 784-128-10: eight blocks of eight (six and four with AVX2)
    [InlineData(784, 128, 70)]  // two chunks of the batch kernels' 64 samples
    [InlineData(300, 128, 15)]  // eight, four, two and one (six, six, two, one with AVX2); inputs after the last group of 16
    [InlineData(261, 64, 7)]
    [InlineData(64, 32, 13)]    // 64-32-10's first layer: panels of 32 with AVX-512
    [InlineData(5, 192, 9)]     // panels of 16 with AVX-512 too: a block of 32 outputs spans two
    [InlineData(128, 256, 3)]
    [InlineData(37, 96, 2)]
    [InlineData(20, 48, 4)]     // no vector kernel with AVX-512: the term-by-term sums
    public void ABatchReadsNoRowWhoseInputIsZeroInEverySampleAndEachSampleIsItsOwnPass(int inputs, int rows, int count)
    {
        var random = new Random(inputs * 11 + rows + count);
        var x = new float[inputs * count];
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                // Rows no block reads, and a stretch of zeros of this sample's own that starts inside a group of 16.
                bool zero = ZeroInEverySample(i) || (i + 5 * s) / 16 % 4 == 0;
                x[s * inputs + i] = zero ? (i % 3 == 0 ? -0f : 0f) : (float)(random.NextDouble() + 0.1);
            }
        }
        float[] w = Values(random, inputs * rows), b = Values(random, rows);
        for (int i = 0; i < inputs; i++)
        {
            if (!ZeroInEverySample(i)) continue;
            for (int j = 0; j < rows; j++) w[j * inputs + i] = j % 2 == 0 ? float.NaN : float.NegativeInfinity;
        }
        AssertEachSampleIsItsLayerAndItsOwnPass(w, b, x, inputs, rows, count);
    }

    /// <summary>Stretches of eight inputs, one in three, and input 2: with each sample's own stretches, few enough runs for a block to keep (RowRuns.Capacity).</summary>
    private static bool ZeroInEverySample(int i) => i / 8 % 3 == 1 || i == 2;

    [Theory]
    [InlineData(784, 128, 64, "dense first sample")]   // a block whose first sample has few zeros reads every row
    [InlineData(784, 128, 64, "many runs")]            // more runs than a block keeps: every row
    [InlineData(300, 128, 15, "many runs")]
    [InlineData(64, 32, 13, "dense first sample")]
    public void ABatchThatReadsEveryRowAfterAllGivesTheLayer(int inputs, int rows, int count, string pattern)
    {
        var random = new Random(inputs + rows * 5 + count);
        var x = new float[inputs * count];
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                bool zero = pattern == "many runs" ? i % 2 == 0 : s % 8 != 0 && s % 6 != 0 && i % 3 != 0;
                x[s * inputs + i] = zero ? 0f : (float)(random.NextDouble() + 0.1);
            }
        }
        float[] w = Values(random, inputs * rows), b = Values(random, rows);
        AssertEachSampleIsItsLayerAndItsOwnPass(w, b, x, inputs, rows, count);
    }

    /// <summary>
    /// The batch pass over count samples gives each sample the layer of its nonzero inputs (a double-precision sum to
    /// 1e-5) and the same bits as that sample's one-sample pass.
    /// </summary>
    private static void AssertEachSampleIsItsLayerAndItsOwnPass(float[] w, float[] b, float[] x, int inputs, int rows, int count)
    {
        var wT = new float[w.Length];
        TransposedWeights.Transpose(w, wT, inputs, rows);
        var z = new float[count * rows];
        Dense.ForwardTransposed(wT, b, x, inputs, z, rows, count);
        for (int s = 0; s < count; s++)
        {
            var one = new float[rows];
            Dense.ForwardTransposed(wT, b, x.AsSpan(s * inputs, inputs), inputs, one, rows, 1);
            for (int j = 0; j < rows; j++)
            {
                double expected = b[j];
                for (int i = 0; i < inputs; i++) if (x[s * inputs + i] != 0) expected += (double)w[j * inputs + i] * x[s * inputs + i];
                float actual = z[s * rows + j];
                Assert.True(Math.Abs(actual - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"sample {s}, row {j}: {actual} vs {expected}");
                Assert.Equal(BitConverter.SingleToInt32Bits(one[j]), BitConverter.SingleToInt32Bits(actual));
            }
        }
    }

    [Theory]
    [InlineData(784, 128)]
    [InlineData(261, 64)]
    [InlineData(300, 128)]
    public void ANaNInputAmongZerosReachesEveryOutput(int inputs, int rows)
    {
        var random = new Random(inputs * 3 + rows);
        float[] w = Values(random, inputs * rows), b = Values(random, rows);
        foreach (int at in new[] { 0, 17, inputs / 2, inputs - 1 })
        {
            var x = new float[inputs];  // all zeros, so the NaN's group and the tail go through the skipping path
            x[at] = float.NaN;
            float[] z = OneSample(w, b, x, inputs, rows);
            Assert.All(z, v => Assert.True(float.IsNaN(v), $"NaN at input {at} gave {v}"));
        }
    }

    [Fact]
    public void AllZeroInputsGiveTheBiases()
    {
        var random = new Random(5);
        float[] w = Values(random, 784 * 128), b = Values(random, 128);
        float[] x = new float[784];
        x[100] = -0f;
        Assert.Equal(b, OneSample(w, b, x, 784, 128));
    }

    [Fact]
    public void NoCopyIsBuiltOfANonFiniteWeightSoPredictGivesWhatTheDirectPathGives()
    {
        var net = new TransposedNet(30);
        var twin = new TransposedNet(30);
        Span<float> direct = twin.Parameters;  // taking the span sends the twin's Predict to the direct path for good
        TransposedWeights copy = CopyOf(net);
        Assert.True(copy.ServesOneSample, "this host runs 256-bit vectors, so the copy serves Predict");
        TrainingGate gate = ((ITrainableNetwork)net).Gate;
        Span<float> memory = ((ITrainableNetwork)net).ParameterMemory;  // the library's own writes, as TrainStep's are
        const int In = TransposedNet.InputSize;
        float[] x = SparseInputs(new Random(31), In);
        int zeroInput = Array.IndexOf(x, 0f);
        // A hidden unit that is positive without the ∞ term, so that skipping the term would show in the outputs.
        float[] p = memory.ToArray();
        int unit = Enumerable.Range(0, 128).First(j => p[128 * In + j] + Enumerable.Range(0, In).Sum(i => (double)p[j * In + i] * x[i]) > 0.05);
        float saved = memory[unit * In + zeroInput];
        memory[unit * In + zeroInput] = float.PositiveInfinity;
        direct[unit * In + zeroInput] = float.PositiveInfinity;
        gate.ParametersWritten();
        float[] y = new float[TransposedNet.OutputSize], expected = new float[TransposedNet.OutputSize];
        for (int i = 0; i < 2 * TransposedWeights.RebuildAfter; i++) net.Predict(x, y);
        Assert.False(copy.IsCurrent(gate));
        // Found once: the calls after it at this version neither count toward a rebuild nor scan W1 again.
        int staleCalls = StaleCalls(copy);
        for (int i = 0; i < 2 * TransposedWeights.RebuildAfter; i++) net.Predict(x, y);
        Assert.Equal(staleCalls, StaleCalls(copy));
        twin.Predict(x, expected);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), y.Select(BitConverter.SingleToInt32Bits));

        memory[unit * In + zeroInput] = saved;
        gate.ParametersWritten();
        for (int i = 0; i < TransposedWeights.RebuildAfter; i++) net.Predict(x, y);
        Assert.True(copy.IsCurrent(gate));
        var reference = new ReferenceMlp(typeof(TransposedNet));
        double[] exact = reference.Forward(ReferenceMlp.ToDouble(((ITrainableNetwork)net).ParameterMemory), ReferenceMlp.ToDouble(x));
        net.Predict(x, y);
        for (int k = 0; k < y.Length; k++) Assert.True(Math.Abs(y[k] - exact[k]) <= 1e-5 + 1e-4 * Math.Abs(exact[k]), $"output {k}: {y[k]} vs {exact[k]}");
    }

    /// <summary>
    /// Whether one sample's kernel skips zero input i: in the inputs after the last group of 16, or in a group with more
    /// zeros than the kernel reads straight through (Kernel.StraightDown: a group with one zero is read whole, the zero's
    /// row adding 0).
    /// </summary>
    private static bool Skipped(float[] x, int i)
    {
        int group = i / 16 * 16;
        if (group + 16 > x.Length) return true;
        int nonzero = 0;
        for (int k = group; k < group + 16; k++) if (x[k] != 0) nonzero++;
        return nonzero < Kernel.StraightDown;
    }

    private static float[] OneSample(float[] w, float[] b, float[] x, int inputs, int rows)
    {
        var wT = new float[w.Length];
        TransposedWeights.Transpose(w, wT, inputs, rows);
        var z = new float[rows];
        Dense.ForwardTransposed(wT, b, x, inputs, z, rows, 1);
        return z;
    }

    /// <summary>
    /// Inputs as an image's are: whole groups of 16 zeros, a group with none, groups half and half, groups with one zero
    /// (read straight through), groups with a third zeros at random, −0, and zeros in the inputs after the last group of 16.
    /// </summary>
    private static float[] SparseInputs(Random random, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            int group = i / 16;
            bool zero = (group % 5) switch
            {
                0 => true,                      // a group of zeros
                1 => false,                     // a group without one
                2 => i % 2 == 0,                // every other
                3 => i % 16 == 11,              // one: read straight through
                _ => random.Next(3) == 0,       // a third, at random
            };
            x[i] = zero ? (i % 5 == 0 ? -0f : 0f) : (float)(random.NextDouble() + 0.1);
        }
        for (int i = n - n % 16; i < n; i += 2) x[i] = 0;
        return x;
    }

    private static int StaleCalls(TransposedWeights copy)
        => (int)typeof(TransposedWeights).GetField("_staleCalls", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(copy)!;

    private static TransposedWeights CopyOf(object net)
        => (TransposedWeights)net.GetType().GetField("_w1Transposed", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(net)!;

    private static float[] Values(Random random, int n) => Enumerable.Range(0, n).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
}
