#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>
        /// z[s][j] = b[j] + Σ_i x[s][i]·Wᵀ[i][j] for TSamples samples s (1, 2, 4 or 6; inputs <paramref name="xStride"/>
        /// apart, z <paramref name="zStride"/> apart) and the 16 outputs j0 … j0 + 15 of one [n][16] panel of Wᵀ: each row
        /// of the panel (two vectors) loaded once and multiplied by each sample's x[s][i] broadcast, into two accumulators
        /// per sample. Six samples are a GEMM micro-kernel of 6 × 16 that fits AVX2's sixteen registers with the two weight
        /// vectors and a broadcast; four keep eight FMA chains, enough to cover the latency; two and one run at half and a
        /// quarter of the FMA rate, for a batch's last rows. The sample count is a type so that the JIT compiles each count
        /// on its own and drops the accumulators it does not use. Only the rows in the block's <see cref="RowRuns"/> are read
        /// (<paramref name="runCount"/> runs at <paramref name="runs"/>).
        /// </summary>
        [MethodImpl(Jit.OwnRoot)]  // see BroadcastBlock32
        public static void BroadcastBlock16<TSamples>(ref float panel, ref float b, ref float x, int xStride, ref float z, int zStride, ref int runs, int runCount, int j0)
            where TSamples : struct, IFixedLength
        {
            int samples = default(TSamples).Value;
            Vector256<float> b0 = Load256(ref b, j0), b1 = Load256(ref b, j0 + 8);
            Vector256<float> c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1, c40 = b0, c41 = b1, c50 = b0, c51 = b1;
            ref float x0 = ref x;
            // Rows past the block are never formed, not even unused: a reference beyond the caller's span is not one to make.
            ref float x1 = ref samples > 1 ? ref Unsafe.Add(ref x, xStride) : ref x;
            ref float x2 = ref samples > 2 ? ref Unsafe.Add(ref x, 2 * xStride) : ref x;
            ref float x3 = ref samples > 3 ? ref Unsafe.Add(ref x, 3 * xStride) : ref x;
            ref float x4 = ref samples > 4 ? ref Unsafe.Add(ref x, 4 * xStride) : ref x;
            ref float x5 = ref samples > 5 ? ref Unsafe.Add(ref x, 5 * xStride) : ref x;
            for (int q = 0; q < runCount; q++)
            {
                nint start = Unsafe.Add(ref runs, 2 * q), end = Unsafe.Add(ref runs, 2 * q + 1);
                ref float row = ref Unsafe.Add(ref panel, start * 16);
                for (nint i = start; i < end; i++)
                {
                    Vector256<float> w0 = Vector256.LoadUnsafe(ref row), w1 = Vector256.LoadUnsafe(ref row, 8);
                    row = ref Unsafe.Add(ref row, 16);
                    Vector256<float> xs = Vector256.Create(Unsafe.Add(ref x0, i));
                    c00 = Fused.MultiplyAdd(w0, xs, c00); c01 = Fused.MultiplyAdd(w1, xs, c01);
                    if (samples == 1) continue;
                    xs = Vector256.Create(Unsafe.Add(ref x1, i));
                    c10 = Fused.MultiplyAdd(w0, xs, c10); c11 = Fused.MultiplyAdd(w1, xs, c11);
                    if (samples == 2) continue;
                    xs = Vector256.Create(Unsafe.Add(ref x2, i));
                    c20 = Fused.MultiplyAdd(w0, xs, c20); c21 = Fused.MultiplyAdd(w1, xs, c21);
                    xs = Vector256.Create(Unsafe.Add(ref x3, i));
                    c30 = Fused.MultiplyAdd(w0, xs, c30); c31 = Fused.MultiplyAdd(w1, xs, c31);
                    if (samples == 4) continue;
                    xs = Vector256.Create(Unsafe.Add(ref x4, i));
                    c40 = Fused.MultiplyAdd(w0, xs, c40); c41 = Fused.MultiplyAdd(w1, xs, c41);
                    xs = Vector256.Create(Unsafe.Add(ref x5, i));
                    c50 = Fused.MultiplyAdd(w0, xs, c50); c51 = Fused.MultiplyAdd(w1, xs, c51);
                }
            }
            ref float z0 = ref Unsafe.Add(ref z, j0);
            Store256(c00, ref z0, 0); Store256(c01, ref z0, 8);
            if (samples == 1) return;
            Store256(c10, ref z0, zStride); Store256(c11, ref z0, zStride + 8);
            if (samples == 2) return;
            Store256(c20, ref z0, 2 * zStride); Store256(c21, ref z0, 2 * zStride + 8);
            Store256(c30, ref z0, 3 * zStride); Store256(c31, ref z0, 3 * zStride + 8);
            if (samples == 4) return;
            Store256(c40, ref z0, 4 * zStride); Store256(c41, ref z0, 4 * zStride + 8);
            Store256(c50, ref z0, 5 * zStride); Store256(c51, ref z0, 5 * zStride + 8);
        }

        /// <summary>The sample counts of <see cref="BroadcastBlock16{TSamples}"/>.</summary>
        internal struct Samples6 : IFixedLength { public int Value => 6; }
        internal struct Samples4 : IFixedLength { public int Value => 4; }
        internal struct Samples2 : IFixedLength { public int Value => 2; }
        internal struct Samples1 : IFixedLength { public int Value => 1; }
    }
}
#endif
