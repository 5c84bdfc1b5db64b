using System;
using System.Linq;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The vectorised activations agree with MathF to within a few float ulps, over the whole useful range.</summary>
public class VectorMathTests
{
    private static readonly float[] Inputs = Enumerable.Range(-4000, 8001).Select(i => i / 100f) // −40 … 40 in steps of 0.01
        .Concat(new[] { 0f, -0f, 1e-30f, -1e-30f, 88f, -88f, 100f, -100f }).ToArray();

    [Fact]
    public void ReluIsExactlyTheScalarSelect()
    {
        // z > 0 ? z : 0 maps NaN and −0 to +0; the vector version must give the same bits, in whole vectors and tails.
        float[] specials = { float.NaN, -0f, 0f, float.NegativeInfinity, float.PositiveInfinity, float.Epsilon, -float.Epsilon, 1e-40f, -1e-40f, 3f, -3f };
        for (int length = 0; length <= 41; length++)
        {
            float[] z = Enumerable.Range(0, length).Select(i => i % 3 == 0 ? specials[i % specials.Length] : Inputs[(i * 797) % Inputs.Length]).ToArray();
            float[] a = z.ToArray();
            VectorMath.Relu(a);
            for (int i = 0; i < length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(z[i] > 0f ? z[i] : 0f), BitConverter.SingleToInt32Bits(a[i]));
        }
    }

    [Fact]
    public void SigmoidMatchesMathF()
    {
        float[] values = Inputs.ToArray();
        VectorMath.Sigmoid(values);
        for (int i = 0; i < values.Length; i++) AssertClose(1f / (1f + MathF.Exp(-Inputs[i])), values[i], Inputs[i]);
    }

    [Fact]
    public void TanhMatchesMathF()
    {
        float[] values = Inputs.ToArray();
        VectorMath.Tanh(values);
        for (int i = 0; i < values.Length; i++) AssertClose(MathF.Tanh(Inputs[i]), values[i], Inputs[i]);
    }

    [Theory]
    [InlineData(new[] { 1f, 2f, 3f })]
    [InlineData(new[] { 1000f, 1001f, 999f, -5f })]   // would overflow without subtracting the max
    [InlineData(new[] { -80f, -90f })]
    [InlineData(new[] { 7f })]
    public void SoftmaxIsStableAndMatchesTheDefinition(float[] z)
    {
        var y = new float[z.Length];
        VectorMath.Softmax(z, y);
        double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
        for (int k = 0; k < z.Length; k++) Assert.Equal(Math.Exp(z[k] - max) / sum, y[k], 6);
        Assert.Equal(1.0, y.Sum(), 5);
    }

    /// <summary>Up to 16 logits take the four-lane path, more the TensorPrimitives one: both match the definition at every length.</summary>
    [Fact]
    public void SoftmaxMatchesTheDefinitionAtEveryLengthAroundTheShortPath()
    {
        var random = new Random(5);
        for (int n = 1; n <= 20; n++)
        {
            float[] z = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 30 - 15)).ToArray();
            var y = Enumerable.Repeat(-1f, n + 1).ToArray();  // one past the end: must stay untouched
            VectorMath.Softmax(z, y.AsSpan(0, n));
            double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
            for (int k = 0; k < n; k++) Assert.True(Math.Abs(Math.Exp(z[k] - max) / sum - y[k]) <= 1e-6 * Math.Exp(z[k] - max) / sum + 1e-9, $"n = {n}, k = {k}: {y[k]:R}");
            Assert.Equal(-1f, y[n]);
        }
    }

    /// <summary>
    /// Each register-held softmax this machine can run (512-, 256- and 128-bit), called directly at every length it takes,
    /// on a row that ends its span (its last vector built lane by lane, below 16) and on one followed by hostile floats
    /// (NaN, ∞, 1e30: on the 512- and 128-bit paths the row read by whole vectors, lanes past it set to −∞): the
    /// definition to 1e-6, the same bits both
    /// ways, nothing written past n even where y runs on, 0 for a −∞ logit and for one 100 below the max, NaN everywhere
    /// for a NaN logit at any position, for +∞ and for a row of −∞ only. (Paths a machine lacks are compared with the
    /// others by SimdPathTests.)
    /// </summary>
    [Fact]
    public void EveryRegisterSoftmaxMatchesTheDefinitionAtEveryLength()
    {
        var paths = new System.Collections.Generic.List<(string Name, SoftmaxPath Run)>();
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported) paths.Add(("512-bit", VectorMath.SoftmaxOf16x512));
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) paths.Add(("256-bit", VectorMath.SoftmaxOf16x256));
        if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated) paths.Add(("128-bit", VectorMath.SoftmaxOfFew));
        Assert.NotEmpty(paths);
        float[] hostile = { float.NaN, float.PositiveInfinity, 1e30f, float.NaN, -1e30f, float.NaN, 3f, float.PositiveInfinity, float.NaN, 1e30f, float.NaN, 0f, float.NaN, float.PositiveInfinity, 7f, float.NaN };
        var random = new Random(11);
        foreach (var (name, run) in paths)
        {
            for (int n = 1; n <= 16; n++)
            {
                float[] z = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 30 - 15)).ToArray();
                if (n >= 3) { z[0] = 20f; z[1] = float.NegativeInfinity; z[2] = z[0] - 100f; }  // z[0] the max (the others are below 15)
                float[] followed = z.Concat(hostile).ToArray();
                var y = Enumerable.Repeat(-1f, n + 1).ToArray();
                var yWhole = Enumerable.Repeat(-1f, n + 1).ToArray();
                run(z, n, y);  // y one longer than the row: the float past it must stay
                run(followed, n, yWhole);
                double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
                for (int k = 0; k < n; k++)
                {
                    double expected = Math.Exp(z[k] - max) / sum;
                    Assert.True(Math.Abs(expected - y[k]) <= 1e-6 * expected + 1e-9, $"{name}, n = {n}, k = {k}: {y[k]:R}, expected {expected:R}");
                }
                Assert.Equal(Bits(y), Bits(yWhole));  // the row read whole gives the same bits, and the floats after it count for nothing
                if (n >= 3) Assert.True(y[1] == 0f && y[2] == 0f, $"{name}, n = {n}: {y[1]:R}, {y[2]:R}");
                Assert.Equal(-1f, y[n]);
                Assert.Equal(-1f, yWhole[n]);
                for (int at = 0; at < n; at++)  // x86's max keeps one operand of a NaN pair, so the NaN's place matters
                {
                    foreach (float bad in new[] { float.NaN, float.PositiveInfinity })
                    {
                        float[] zBad = (float[])z.Clone(), followedBad = (float[])followed.Clone();
                        zBad[at] = bad;
                        followedBad[at] = bad;
                        AssertAllNaN(run, zBad, n, $"{name}, n = {n}, {bad} at {at}");
                        AssertAllNaN(run, followedBad, n, $"{name}, n = {n}, {bad} at {at}, row read whole");
                    }
                }
                float[] none = Enumerable.Repeat(float.NegativeInfinity, n).ToArray();  // e^(−∞ − (−∞)) is NaN: no class is likelier
                AssertAllNaN(run, none, n, $"{name}, n = {n}, only −∞");
                AssertAllNaN(run, none.Concat(hostile).ToArray(), n, $"{name}, n = {n}, only −∞, row read whole");
            }
        }
    }

    /// <summary>
    /// A batch's softmax (Activations.Softmax: every row but the last ones read by whole vectors, the rest of the logits
    /// after it) gives each row the bits of that row's softmax alone, at every width up to 16 and past it, and writes
    /// nothing outside each row's values.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 7)]
    [InlineData(10, 10)]
    [InlineData(10, 15)]
    [InlineData(16, 16)]
    [InlineData(17, 17)]
    public void ABatchsSoftmaxIsEachRowsSoftmax(int size, int logitStride)
    {
        const int count = 24, stride = 40;  // 24 rows: even rows of one logit have 16 floats after them to read whole
        var random = new Random(size);
        float[] logits = Enumerable.Range(0, count * logitStride).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        for (int s = 0; s < count; s++)
        {
            for (int j = size; j < logitStride; j++) logits[logitStride * s + j] = j % 2 == 0 ? float.NaN : float.PositiveInfinity;  // padding between rows
        }
        float[] values = Enumerable.Repeat(-1f, count * stride).ToArray();
        StaticNet.Kernels.Activations.Softmax(logits, logitStride, values.AsSpan(3), stride, count, size);
        for (int s = 0; s < count; s++)
        {
            var alone = new float[size];
            VectorMath.Softmax(logits.AsSpan(logitStride * s, size), alone);
            Assert.Equal(Bits(alone), Bits(values.AsSpan(3 + stride * s, size).ToArray()));
            for (int j = 0; j < stride; j++)
            {
                if (j < 3 || j >= 3 + size) Assert.Equal(-1f, values[stride * s + j]);
            }
        }
    }

    private delegate void SoftmaxPath(ReadOnlySpan<float> readable, int n, Span<float> y);

    private static void AssertAllNaN(SoftmaxPath run, float[] readable, int n, string what)
    {
        var y = new float[n];
        run(readable, n, y);
        Assert.All(y, v => Assert.True(float.IsNaN(v), $"{what}: {v:R}"));
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>
    /// Past the register softmaxes (more than 16 logits), the TensorPrimitives passes write and sum y[0 … n − 1] only,
    /// however long y is (until this round they ran over the whole of y).
    /// </summary>
    [Theory]
    [InlineData(17)]
    [InlineData(20)]
    public void ALongSoftmaxWritesAndSumsOnlyItsOwnValues(int n)
    {
        var random = new Random(n);
        float[] z = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
        var y = Enumerable.Repeat(-1f, n + 4).ToArray();
        VectorMath.Softmax(z, y);
        double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
        for (int k = 0; k < n; k++) Assert.True(Math.Abs(Math.Exp(z[k] - max) / sum - y[k]) <= 1e-6, $"k = {k}: {y[k]:R}");
        Assert.All(y.Skip(n), v => Assert.Equal(-1f, v));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(16)]
    [InlineData(40)]
    public void SoftmaxGivesZeroForMaskedLogitsAndNaNForANaNLogit(int n)
    {
        float[] z = Enumerable.Range(0, n).Select(k => (float)k).ToArray();
        z[1] = float.NegativeInfinity;
        var y = new float[n];
        VectorMath.Softmax(z, y);
        Assert.Equal(0f, y[1]);
        Assert.Equal(1.0, y.Sum(v => (double)v), 5);

        z[n - 1] = float.NaN;
        VectorMath.Softmax(z, y);
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
    }

    /// <summary>The four-lane versions the straight-line code of tiny networks calls, over the same inputs, four at a time.</summary>
    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("exp")]
    public void LaneFunctionsMatchMathF(string function)
    {
        for (int i = 0; i < Inputs.Length; i += 4)
        {
            var x = System.Runtime.Intrinsics.Vector128.Create(Inputs[i], Inputs[Math.Min(i + 1, Inputs.Length - 1)], Inputs[Math.Min(i + 2, Inputs.Length - 1)], Inputs[Math.Min(i + 3, Inputs.Length - 1)]);
            var y = function switch
            {
                "tanh" => VectorMath.Tanh(x),
                "sigmoid" => VectorMath.Sigmoid(x),
                _ => VectorMath.Exp(x),
            };
            for (int k = 0; k < 4; k++)
            {
                float v = x[k];
                float expected = function switch
                {
                    "tanh" => MathF.Tanh(v),
                    "sigmoid" => 1f / (1f + MathF.Exp(-v)),
                    _ => MathF.Exp(v),
                };
                // e^x is held below 88.38 (2^n must stay a normal float); MathF goes on to ∞ at 88.73. (At the low
                // end the held 1.2E−38 is within the absolute tolerance of MathF's subnormals and 0.)
                if (function == "exp" && v > 88.37f) continue;
                AssertClose(expected, y[k], v);
            }
        }
        var nan = System.Runtime.Intrinsics.Vector128.Create(float.NaN, 1f, float.NaN, -1f);
        Assert.True(float.IsNaN(VectorMath.Tanh(nan)[0]) && float.IsNaN(VectorMath.Sigmoid(nan)[2]) && float.IsNaN(VectorMath.Exp(nan)[0]));
        Assert.Equal(MathF.Tanh(-1f), VectorMath.Tanh(nan)[3], 6);
    }

    private static void AssertClose(float expected, float actual, float x)
    {
        float tolerance = 4 * MathF.Max(float.Epsilon, MathF.BitIncrement(MathF.Abs(expected)) - MathF.Abs(expected)) + 1e-7f;
        Assert.True(MathF.Abs(expected - actual) <= tolerance, $"f({x:R}) = {actual:R}, MathF gives {expected:R}");
    }
}

public class CrossEntropyTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(300)]
    public void MatchesTheLogSumExpDefinitionWithoutAllocating(int classes)
    {
        var random = new Random(classes);
        float[] z = Enumerable.Range(0, classes).Select(_ => (float)(random.NextDouble() * 40 - 20)).ToArray();
        float[] t = Enumerable.Range(0, classes).Select(_ => (float)random.NextDouble()).ToArray();
        var y = new float[classes];
        VectorMath.Softmax(z, y);
        double max = z.Max(), lse = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
        double expected = z.Select((v, k) => t[k] * (lse - v)).Sum();

        VectorMath.CrossEntropy(z, y, t);
        long before = GC.GetAllocatedBytesForCurrentThread();
        float loss = VectorMath.CrossEntropy(z, y, t);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(expected, loss, Math.Abs(expected) * 1e-5 + 1e-5);
    }

    /// <summary>A confidently wrong prediction: the target's probability underflows to 0, the loss stays finite and right.</summary>
    [Fact]
    public void StaysFiniteWhenTheTargetsProbabilityUnderflows()
    {
        float[] z = { 120f, -20f, 0f };
        float[] t = { 0f, 1f, 0f };
        var y = new float[3];
        VectorMath.Softmax(z, y);
        Assert.Equal(0f, y[1]);
        Assert.Equal(140.0, VectorMath.CrossEntropy(z, y, t), 3);
    }
}
