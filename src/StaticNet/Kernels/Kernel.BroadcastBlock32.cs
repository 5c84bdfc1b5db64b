#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>
        /// z[s][j] = b[j] + Σ_i x[s][i]·Wᵀ[i][j] for TSamples samples s (1, 2, 4 or 8; inputs <paramref name="xStride"/>
        /// apart, z <paramref name="zStride"/> apart) and the 32 outputs j0 … j0 + 31, with 512-bit vectors: row i of their
        /// weights is two vectors, the first at <paramref name="panel"/> + i·<paramref name="pitch"/> and the second
        /// <paramref name="half"/> floats after it (the next 16 floats in panels of 32 or 128; the next panel in panels of
        /// 16), each loaded once and multiplied by each sample's x[s][i] broadcast, into two accumulators per sample. Eight
        /// samples are a GEMM micro-kernel of 8 × 32 in sixteen of AVX-512's 32 registers, and their eight rows of x stay in
        /// L1 while the weights stream past; four keep eight FMA chains, two and one run at half and a quarter of the FMA
        /// rate, for a batch's last rows. The sample count is a type, as in <see cref="BroadcastBlock16{TSamples}"/>. Only the
        /// rows in the block's <see cref="RowRuns"/> are read (<paramref name="runCount"/> runs at <paramref name="runs"/>).
        /// Its own root, compiled fully optimised at once: its four sample counts are too large for the JIT to inline them
        /// all into the caller, and one left out was compiled by tiering, on a profile, into code that made PredictBatch of
        /// 64-32-10 a fifth slower in some builds (docs/performance.md, twelfth round).
        /// </summary>
        [MethodImpl(Jit.OwnRoot)]
        public static void BroadcastBlock32<TSamples>(ref float panel, nint pitch, nint half, ref float b, ref float x, int xStride, ref float z, int zStride, ref int runs, int runCount, int j0)
            where TSamples : struct, IFixedLength
        {
            int samples = default(TSamples).Value;
            Vector512<float> b0 = Load512(ref b, j0), b1 = Load512(ref b, j0 + 16);
            Vector512<float> c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
            Vector512<float> c40 = b0, c41 = b1, c50 = b0, c51 = b1, c60 = b0, c61 = b1, c70 = b0, c71 = b1;
            // Rows past the block are never formed, as in BroadcastBlock16.
            ref float x0 = ref x;
            ref float x1 = ref samples > 1 ? ref Unsafe.Add(ref x, xStride) : ref x;
            ref float x2 = ref samples > 2 ? ref Unsafe.Add(ref x, 2 * xStride) : ref x;
            ref float x3 = ref samples > 3 ? ref Unsafe.Add(ref x, 3 * xStride) : ref x;
            ref float x4 = ref samples > 4 ? ref Unsafe.Add(ref x, 4 * xStride) : ref x;
            ref float x5 = ref samples > 5 ? ref Unsafe.Add(ref x, 5 * xStride) : ref x;
            ref float x6 = ref samples > 6 ? ref Unsafe.Add(ref x, 6 * xStride) : ref x;
            ref float x7 = ref samples > 7 ? ref Unsafe.Add(ref x, 7 * xStride) : ref x;
            for (int q = 0; q < runCount; q++)
            {
                nint start = Unsafe.Add(ref runs, 2 * q), end = Unsafe.Add(ref runs, 2 * q + 1);
                ref float row = ref Unsafe.Add(ref panel, start * pitch);
                for (nint i = start; i < end; i++)
                {
                    Vector512<float> w0 = Vector512.LoadUnsafe(ref row), w1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, half));
                    row = ref Unsafe.Add(ref row, pitch);
                    Vector512<float> xs = Vector512.Create(Unsafe.Add(ref x0, i));
                    c00 = Fused.MultiplyAdd(w0, xs, c00); c01 = Fused.MultiplyAdd(w1, xs, c01);
                    if (samples == 1) continue;
                    xs = Vector512.Create(Unsafe.Add(ref x1, i));
                    c10 = Fused.MultiplyAdd(w0, xs, c10); c11 = Fused.MultiplyAdd(w1, xs, c11);
                    if (samples == 2) continue;
                    xs = Vector512.Create(Unsafe.Add(ref x2, i));
                    c20 = Fused.MultiplyAdd(w0, xs, c20); c21 = Fused.MultiplyAdd(w1, xs, c21);
                    xs = Vector512.Create(Unsafe.Add(ref x3, i));
                    c30 = Fused.MultiplyAdd(w0, xs, c30); c31 = Fused.MultiplyAdd(w1, xs, c31);
                    if (samples == 4) continue;
                    xs = Vector512.Create(Unsafe.Add(ref x4, i));
                    c40 = Fused.MultiplyAdd(w0, xs, c40); c41 = Fused.MultiplyAdd(w1, xs, c41);
                    xs = Vector512.Create(Unsafe.Add(ref x5, i));
                    c50 = Fused.MultiplyAdd(w0, xs, c50); c51 = Fused.MultiplyAdd(w1, xs, c51);
                    xs = Vector512.Create(Unsafe.Add(ref x6, i));
                    c60 = Fused.MultiplyAdd(w0, xs, c60); c61 = Fused.MultiplyAdd(w1, xs, c61);
                    xs = Vector512.Create(Unsafe.Add(ref x7, i));
                    c70 = Fused.MultiplyAdd(w0, xs, c70); c71 = Fused.MultiplyAdd(w1, xs, c71);
                }
            }
            ref float z0 = ref Unsafe.Add(ref z, j0);
            Store512(c00, ref z0, 0); Store512(c01, ref z0, 16);
            if (samples == 1) return;
            Store512(c10, ref z0, zStride); Store512(c11, ref z0, zStride + 16);
            if (samples == 2) return;
            Store512(c20, ref z0, 2 * zStride); Store512(c21, ref z0, 2 * zStride + 16);
            Store512(c30, ref z0, 3 * zStride); Store512(c31, ref z0, 3 * zStride + 16);
            if (samples == 4) return;
            Store512(c40, ref z0, 4 * zStride); Store512(c41, ref z0, 4 * zStride + 16);
            Store512(c50, ref z0, 5 * zStride); Store512(c51, ref z0, 5 * zStride + 16);
            Store512(c60, ref z0, 6 * zStride); Store512(c61, ref z0, 6 * zStride + 16);
            Store512(c70, ref z0, 7 * zStride); Store512(c71, ref z0, 7 * zStride + 16);
        }

        /// <summary>Eight samples, the full block of <see cref="BroadcastBlock32{TSamples}"/>.</summary>
        internal struct Samples8 : IFixedLength { public int Value => 8; }
    }
}
#endif
