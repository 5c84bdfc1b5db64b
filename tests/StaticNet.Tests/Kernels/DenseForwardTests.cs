using System;
using System.Linq;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests.Kernels;

/// <summary>
/// Dense.Forward's loop nest around the kernels, for one sample and for a few: every row range (including ranges that cut
/// a group of sixteen or four rows) gives the definition z = b + W·x to float rounding, leaves the rows outside it as they
/// were, and gives each row the bits the whole layer gives it — what the row-split training path relies on. Layer sizes
/// put rows through every kernel: sixteen at a time (short rows on AVX-512), four at a time, and one at a time.
/// </summary>
public class DenseForwardTests
{
    private struct N128 : IFixedLength { public int Value => 128; }

    public static TheoryData<int, int> Shapes => new()
    {
        { 16, 37 }, { 64, 32 }, { 64, 20 }, { 128, 50 }, { 100, 37 }, { 784, 21 }, { 3, 9 },
    };

    [Theory, MemberData(nameof(Shapes))]
    public void EveryRowRangeGivesTheDefinitionAndTheWholeLayersBits(int inputs, int rows)
    {
        foreach (int count in new[] { 1, 3, 5 })
        {
            var random = new Random(inputs * 1000 + rows * 10 + count);
            float[] w = Values(random, rows * inputs), b = Values(random, rows), x = Values(random, count * inputs);
            float[] whole = Forward(inputs, w, b, x, count, rows, 0, rows, fill: 0f);
            for (int s = 0; s < count; s++)
            {
                for (int j = 0; j < rows; j++)
                {
                    double expected = b[j], scale = Math.Abs(b[j]);
                    for (int i = 0; i < inputs; i++) { expected += (double)w[j * inputs + i] * x[s * inputs + i]; scale += Math.Abs((double)w[j * inputs + i] * x[s * inputs + i]); }
                    Assert.True(Math.Abs(expected - whole[s * rows + j]) <= 1e-6 * scale + 1e-7, $"{inputs}×{rows}, sample {s}, row {j}: {whole[s * rows + j]:R}, expected {expected:R}");
                }
            }
            foreach ((int start, int end) in new[] { (0, 4), (4, 28), (8, 16), (12, rows), (rows / 4 * 4, rows), (20, rows) }.Where(r => r.Item1 < r.Item2 && r.Item2 <= rows))
            {
                float[] part = Forward(inputs, w, b, x, count, rows, start, end, fill: float.NaN);
                for (int s = 0; s < count; s++)
                {
                    for (int j = 0; j < rows; j++)
                    {
                        float got = part[s * rows + j];
                        if (j < start || j >= end) Assert.True(float.IsNaN(got), $"{inputs}×{rows}, rows {start}…{end - 1}: row {j} outside the range was written");
                        else Assert.True(BitConverter.SingleToInt32Bits(whole[s * rows + j]) == BitConverter.SingleToInt32Bits(got), $"{inputs}×{rows}, rows {start}…{end - 1}, sample {s}, row {j}: {got:R} vs {whole[s * rows + j]:R} for the whole layer");
                    }
                }
            }
        }
    }

    private static float[] Forward(int inputs, float[] w, float[] b, float[] x, int count, int rows, int start, int end, float fill)
    {
        float[] z = Enumerable.Repeat(fill, count * rows).ToArray();
        switch (inputs)
        {
            case 3: Dense.Forward<Lengths.L3>(w, b, x, inputs, z, rows, count, start, end); break;
            case 16: Dense.Forward<Lengths.L16>(w, b, x, inputs, z, rows, count, start, end); break;
            case 64: Dense.Forward<Lengths.L64>(w, b, x, inputs, z, rows, count, start, end); break;
            case 100: Dense.Forward<Lengths.L100>(w, b, x, inputs, z, rows, count, start, end); break;
            case 128: Dense.Forward<N128>(w, b, x, inputs, z, rows, count, start, end); break;
            case 784: Dense.Forward<Lengths.L784>(w, b, x, inputs, z, rows, count, start, end); break;
            default: throw new ArgumentOutOfRangeException(nameof(inputs));
        }
        return z;
    }

    private static float[] Values(Random random, int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
