using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests.Kernels;

/// <summary>
/// The checks behind <see cref="KernelTests"/> for one length TLength: each runs every path of a kernel — the
/// dispatcher, then each width's method where this machine accelerates it and the length holds a full vector of it,
/// then the scalar form — and compares each with the definition computed in double.
/// </summary>
public static class KernelChecks<TLength> where TLength : struct, IFixedLength
{
    private static readonly int N = default(TLength).Value;

    /// <summary>Whether a width's method may run: accelerated here, and at least one full vector long.</summary>
    private static bool Has512 => Vector512.IsHardwareAccelerated && N >= 16;

    private static bool Has256 => Vector256.IsHardwareAccelerated && N >= 8;

    private static bool Has128 => Vector128.IsHardwareAccelerated && N >= 4;

    public static void Dot()
    {
        float[] w = Values(N, 1), x = Values(N, 2);
        double expected = DotOf(w, 0, x, 0);
        foreach ((string path, Func<float> run) in new (string, Func<float>)[]
        {
            ("dispatch", () => Kernel.Dot<TLength>(ref w[0], ref x[0])),
            ("512", () => Has512 ? Kernel.Dot512<TLength>(ref w[0], ref x[0]) : (float)expected),
            ("256", () => Has256 ? Kernel.Dot256<TLength>(ref w[0], ref x[0]) : (float)expected),
            ("128", () => Has128 ? Kernel.Dot128<TLength>(ref w[0], ref x[0]) : (float)expected),
            ("scalar", () => Kernel.DotScalar<TLength>(ref w[0], ref x[0])),
        })
        {
            Close(expected, run(), Scale(w, x), path);
        }
    }

    public static void MulAdd()
    {
        float[] x = Values(N, 3), start = Values(N, 4);
        const float s = -0.75f;
        foreach ((string path, Action<float[]> run) in Paths<float[]>(
            y => Kernel.MulAdd<TLength>(s, ref x[0], ref y[0]),
            y => Kernel.MulAdd512<TLength>(s, ref x[0], ref y[0]),
            y => Kernel.MulAdd256<TLength>(s, ref x[0], ref y[0]),
            y => Kernel.MulAdd128<TLength>(s, ref x[0], ref y[0]),
            y => Kernel.MulAddScalar<TLength>(s, ref x[0], ref y[0])))
        {
            float[] y = (float[])start.Clone();
            run(y);
            for (int i = 0; i < N; i++) Close(start[i] + (double)s * x[i], y[i], Math.Abs(start[i]) + Math.Abs(s * x[i]), $"{path}, element {i}");
        }
    }

    public static void DotRows4()
    {
        float[] w = Values(4 * N, 5), x = Values(N, 6);
        foreach ((string path, Func<float[]> run) in new (string, Func<float[]>)[]
        {
            ("dispatch", () => { Kernel.DotRows4<TLength>(ref w[0], ref x[0], out float a, out float b, out float c, out float d); return new[] { a, b, c, d }; }),
            ("512", () => { if (!Has512) return null!; Kernel.DotRows4x512<TLength>(ref w[0], ref x[0], out float a, out float b, out float c, out float d); return new[] { a, b, c, d }; }),
            ("256", () => { if (!Has256) return null!; Kernel.DotRows4x256<TLength>(ref w[0], ref x[0], out float a, out float b, out float c, out float d); return new[] { a, b, c, d }; }),
        })
        {
            float[] r = run();
            if (r is null) continue;
            for (int row = 0; row < 4; row++) Close(DotOf(w, row * N, x, 0), r[row], Scale(w, x), $"{path}, row {row}");
        }
    }

    /// <summary>Sixteen rows in one vector, row order, against the definition; and it is chosen only for lengths it takes (multiples of 16, up to 128).</summary>
    public static void DotRows16()
    {
        Assert.Equal(Has512 && N % 16 == 0 && N <= 128, Kernel.SixteenRowsPay<TLength>());
        if (!Has512 || N % 16 != 0) return;
        float[] w = Values(16 * N, 12), x = Values(N, 13);
        System.Runtime.Intrinsics.Vector512<float> r = Kernel.DotRows16x512<TLength>(ref w[0], ref x[0]);
        for (int row = 0; row < 16; row++) Close(DotOf(w, row * N, x, 0), r[row], Scale(w, x), $"512, row {row}");
    }

    public static void DotX4()
    {
        float[] w = Values(N, 7), x0 = Values(N, 8), x1 = Values(N, 9), x2 = Values(N, 10), x3 = Values(N, 11);
        foreach ((string path, Func<float[]> run) in new (string, Func<float[]>)[]
        {
            ("dispatch", () => { Kernel.DotX4<TLength>(ref w[0], ref x0[0], ref x1[0], ref x2[0], ref x3[0], out float a, out float b, out float c, out float d); return new[] { a, b, c, d }; }),
            ("512", () => { if (!Has512) return null!; Kernel.DotX4x512<TLength>(ref w[0], ref x0[0], ref x1[0], ref x2[0], ref x3[0], out float a, out float b, out float c, out float d); return new[] { a, b, c, d }; }),
            ("256", () => { if (!Has256) return null!; Kernel.DotX4x256<TLength>(ref w[0], ref x0[0], ref x1[0], ref x2[0], ref x3[0], out float a, out float b, out float c, out float d); return new[] { a, b, c, d }; }),
            ("128", () => { if (!Has128) return null!; Kernel.DotX4x128<TLength>(ref w[0], ref x0[0], ref x1[0], ref x2[0], ref x3[0], out float a, out float b, out float c, out float d); return new[] { a, b, c, d }; }),
            ("scalar", () => { Kernel.DotX4Scalar<TLength>(ref w[0], ref x0[0], ref x1[0], ref x2[0], ref x3[0], out float a, out float b, out float c, out float d); return new[] { a, b, c, d }; }),
        })
        {
            float[] r = run();
            if (r is null) continue;
            float[][] xs = { x0, x1, x2, x3 };
            for (int q = 0; q < 4; q++) Close(DotOf(w, 0, xs[q], 0), r[q], Scale(w, xs[q]), $"{path}, sample {q}");
        }
    }

    public static void DotBlock()
    {
        float[] w = Values(4 * N, 12);
        float[][] xs = { Values(N, 13), Values(N, 14), Values(N, 15), Values(N, 16) };
        foreach ((string path, Action<float[]> run) in new (string, Action<float[]>)[]
        {
            ("dispatch", sums => Kernel.DotBlock<TLength>(ref w[0], ref xs[0][0], ref xs[1][0], ref xs[2][0], ref xs[3][0], ref sums[0])),
            ("512", sums => { if (Has512) Kernel.DotBlock512<TLength>(ref w[0], ref xs[0][0], ref xs[1][0], ref xs[2][0], ref xs[3][0], ref sums[0]); else sums[0] = float.NaN; }),
            ("256", sums => { if (Has256) Kernel.DotBlock256<TLength>(ref w[0], ref xs[0][0], ref xs[1][0], ref xs[2][0], ref xs[3][0], ref sums[0]); else sums[0] = float.NaN; }),
            ("by rows", sums => Kernel.DotBlockByRows<TLength>(ref w[0], ref xs[0][0], ref xs[1][0], ref xs[2][0], ref xs[3][0], ref sums[0])),
        })
        {
            var sums = new float[16];
            run(sums);
            if (float.IsNaN(sums[0])) continue;  // this width does not run here
            for (int q = 0; q < 4; q++)
            {
                for (int r = 0; r < 4; r++) Close(DotOf(w, r * N, xs[q], 0), sums[4 * q + r], Scale(w, xs[q]), $"{path}, row {r}, sample {q} (lane {4 * q + r})");
            }
        }
    }

    public static void MulAddX4()
    {
        float[][] xs = { Values(N, 17), Values(N, 18), Values(N, 19), Values(N, 20) };
        float[] s = { 0.5f, -1.25f, 2f, -0.125f }, start = Values(N, 21);
        foreach ((string path, Action<float[]> run) in Paths<float[]>(
            y => Kernel.MulAddX4<TLength>(s[0], ref xs[0][0], s[1], ref xs[1][0], s[2], ref xs[2][0], s[3], ref xs[3][0], ref y[0]),
            y => Kernel.MulAddX4x512<TLength>(s[0], ref xs[0][0], s[1], ref xs[1][0], s[2], ref xs[2][0], s[3], ref xs[3][0], ref y[0]),
            y => Kernel.MulAddX4x256<TLength>(s[0], ref xs[0][0], s[1], ref xs[1][0], s[2], ref xs[2][0], s[3], ref xs[3][0], ref y[0]),
            y => Kernel.MulAddX4x128<TLength>(s[0], ref xs[0][0], s[1], ref xs[1][0], s[2], ref xs[2][0], s[3], ref xs[3][0], ref y[0]),
            y => Kernel.MulAddX4Scalar<TLength>(s[0], ref xs[0][0], s[1], ref xs[1][0], s[2], ref xs[2][0], s[3], ref xs[3][0], ref y[0], 0)))
        {
            float[] y = (float[])start.Clone();
            run(y);
            for (int i = 0; i < N; i++)
            {
                double expected = start[i], scale = Math.Abs(start[i]);
                for (int q = 0; q < 4; q++)
                {
                    expected += (double)s[q] * xs[q][i];
                    scale += Math.Abs(s[q] * xs[q][i]);
                }
                Close(expected, y[i], scale, $"{path}, element {i}");
            }
        }
    }

    /// <summary>Σ over samples of δ·xᵀ into one or four rows, from zero or onto what they held, for one sample and for an odd batch.</summary>
    public static void Outer()
    {
        foreach (int rows in new[] { 1, 4 })
        {
            foreach (int count in new[] { 1, 5 })
            {
                foreach (bool clear in new[] { true, false })
                {
                    (float[] d, int dStride, float[] x, int xStride, float[] start) = OuterProblem(rows, count);
                    foreach ((string path, Func<float[], bool> run) in OuterPaths(rows, d, dStride, x, xStride, count, clear, 0f))
                    {
                        float[] y = (float[])start.Clone();
                        Assert.True(run(y), $"{path}: without a step there is nothing to report");
                        for (int r = 0; r < rows; r++)
                        {
                            for (int i = 0; i < N; i++)
                            {
                                double sum = clear ? 0 : start[r * N + i], scale = Math.Abs(sum);
                                for (int s = 0; s < count; s++)
                                {
                                    sum += (double)d[s * dStride + r] * x[s * xStride + i];
                                    scale += Math.Abs(d[s * dStride + r] * x[s * xStride + i]);
                                }
                                Close(sum, y[r * N + i], scale, $"{path}, {rows} rows, {count} samples, clear {clear}: row {r}, column {i}");
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>With a rate, the rows are weights and take plain SGD's step θ − η·Σ; a NaN in any column's sum is reported.</summary>
    public static void OuterStep()
    {
        const float rate = 0.1f;
        foreach (int rows in new[] { 1, 4 })
        {
            (float[] d, int dStride, float[] x, int xStride, float[] start) = OuterProblem(rows, 5);
            foreach ((string path, Func<float[], bool> run) in OuterPaths(rows, d, dStride, x, xStride, 5, clear: true, rate))
            {
                float[] y = (float[])start.Clone();
                Assert.True(run(y), $"{path}: finite sums reported as not finite");
                for (int r = 0; r < rows; r++)
                {
                    for (int i = 0; i < N; i++)
                    {
                        double sum = 0, scale = 0;
                        for (int s = 0; s < 5; s++)
                        {
                            sum += (double)d[s * dStride + r] * x[s * xStride + i];
                            scale += Math.Abs(d[s * dStride + r] * x[s * xStride + i]);
                        }
                        Close(start[r * N + i] - rate * sum, y[r * N + i], Math.Abs(start[r * N + i]) + rate * scale, $"{path}, {rows} rows: row {r}, column {i}");
                    }
                }
            }
            // A NaN in the last sample's last input makes the last column's sum NaN: the tail of every path.
            x[4 * xStride + N - 1] = float.NaN;
            foreach ((string path, Func<float[], bool> run) in OuterPaths(rows, d, dStride, x, xStride, 5, clear: true, rate))
            {
                Assert.False(run((float[])start.Clone()), $"{path}, {rows} rows: a NaN sum was not reported");
            }
        }
    }

    private static (float[] D, int DStride, float[] X, int XStride, float[] Start) OuterProblem(int rows, int count)
    {
        int dStride = rows + 3, xStride = N + 5;  // rows of a batch lie apart in the scratch
        return (Values(dStride * count, 22 + rows), dStride, Values(xStride * count, 23 + rows), xStride, Values(rows * N, 24 + rows));
    }

    private static IEnumerable<(string, Func<float[], bool>)> OuterPaths(int rows, float[] d, int dStride, float[] x, int xStride, int count, bool clear, float rate)
    {
        yield return ("dispatch", y => rows == 4
            ? Kernel.OuterRows4<TLength>(ref d[0], dStride, ref x[0], xStride, count, ref y[0], clear, rate)
            : Kernel.Outer<TLength>(ref d[0], dStride, ref x[0], xStride, count, ref y[0], clear, rate));
        if (Has512) yield return ("512", y => Kernel.Outer512<TLength>(rows, ref d[0], dStride, ref x[0], xStride, count, ref y[0], clear, rate));
        if (Has256) yield return ("256", y => Kernel.Outer256<TLength>(rows, ref d[0], dStride, ref x[0], xStride, count, ref y[0], clear, rate));
        if (Has128) yield return ("128", y => Kernel.Outer128<TLength>(rows, ref d[0], dStride, ref x[0], xStride, count, ref y[0], clear, rate));
        yield return ("scalar", y => Kernel.OuterScalar<TLength>(rows, ref d[0], dStride, ref x[0], xStride, count, ref y[0], clear, rate));
    }

    /// <summary>The dispatcher, the width methods that run here, and the scalar form, for kernels that write their result into an array.</summary>
    private static IEnumerable<(string, Action<T>)> Paths<T>(Action<T> dispatch, Action<T> v512, Action<T> v256, Action<T> v128, Action<T> scalar)
    {
        yield return ("dispatch", dispatch);
        if (Has512) yield return ("512", v512);
        if (Has256) yield return ("256", v256);
        if (Has128) yield return ("128", v128);
        yield return ("scalar", scalar);
    }

    /// <summary>Values in [−1, 1] from a seed, none of them zero.</summary>
    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed * 7919 + N);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1) + (random.Next(2) == 0 ? 1e-3f : -1e-3f);
        return values;
    }

    private static double DotOf(float[] w, int wAt, float[] x, int xAt)
    {
        double sum = 0;
        for (int i = 0; i < N; i++) sum += (double)w[wAt + i] * x[xAt + i];
        return sum;
    }

    private static double Scale(float[] w, float[] x)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++) sum += Math.Abs((double)w[i] * x[i % x.Length]);
        return sum;
    }

    /// <summary>Within float rounding of a sum whose terms have total magnitude <paramref name="scale"/>.</summary>
    private static void Close(double expected, float actual, double scale, string what)
        => Assert.True(Math.Abs(expected - actual) <= 1e-6 * scale + 1e-7, $"{what} at length {N}: {actual:R}, expected {expected:R}");
}
